"""Forms of the duty-4 pages: opening a ticket, and answering it (comment, transition,
assignment, the customer's feedback).

As in ``accounts.forms``, forms only validate and collect input; the views hand
``cleaned_data`` to ``tickets.services``. Every record offered comes from
``visible_to(user, "change")``.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.forms import TEXTAREA, ServiceModelForm
from accounts.models import Account, Contact
from kam.bounds import as_id
from kam.models import Department
from kam.visibility import CHANGE
from sales_plans.models import Order
from tickets.choices import TicketStatus
from tickets.models import Ticket
from tickets.services import department_members


class TicketForm(ServiceModelForm):
    class Meta:
        model = Ticket
        fields = [
            "account",
            "order",
            "category",
            "priority",
            "department",
            "subject",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A ticket stays on its account; another department is a reassignment.
            del self.fields["account"]
            del self.fields["department"]
            account_id = self.instance.account_id
        else:
            self.fields["account"].queryset = Account.objects.visible_to(self.user, CHANGE)
            department = self.fields["department"]
            department.required = False
            department.queryset = Department.objects.order_by("name")
            department.empty_label = _("Routed by category")
            department.help_text = _("Leave it to the category's routing rule, or choose.")
            account_id = as_id(self._selected("account"))
            # Choosing another account reloads its orders (an htmx partial).
            self.fields["account"].widget.attrs.update(
                {
                    "hx-get": reverse("tickets:ticket-orders"),
                    "hx-trigger": "change",
                    "hx-target": "#ticket-order",
                    "hx-swap": "outerHTML",
                }
            )
        self.fields["order"].queryset = (
            Order.objects.visible_to(self.user, CHANGE)
            .filter(account_id=account_id)
            .order_by("-ordered_on", "-id")
            if account_id
            else Order.objects.none()
        )
        self.fields["order"].help_text = _("An order of the same account the issue is about.")


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=10000, widget=TEXTAREA)


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note"), required=False, max_length=10000, widget=TEXTAREA)

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, _("Reopen") if status == TicketStatus.OPEN else TicketStatus(status).label)
            for status in statuses
        ]


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=None, required=False, empty_label=_("Nobody yet")
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.order_by("name")
    )
    # Its own id: the transition form on the same page has a "note" too.
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=10000,
        widget=forms.TextInput(attrs={"id": "id_assign_note"}),
    )

    def __init__(self, *args, ticket, **kwargs):
        kwargs.setdefault(
            "initial", {"assignee": ticket.assignee_id, "department": ticket.department_id}
        )
        super().__init__(*args, **kwargs)
        # The members of the department chosen (posted), else of the ticket's.
        department_id = as_id(self.data.get("department")) if self.is_bound else None
        department = ticket.department
        if department_id is not None and department_id != ticket.department_id:
            department = Department.objects.filter(pk=department_id).first() or department
        self.fields["assignee"].queryset = department_members(department)
        self.fields["assignee"].help_text = _(
            "A member of the department; sent to another department, choose one of theirs "
            "or nobody."
        )


class FeedbackForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Customer satisfaction"),
        choices=[(score, str(score)) for score in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("5 very satisfied … 1 very dissatisfied"),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=TEXTAREA)
    contact = forms.ModelChoiceField(
        label=_("Who said so"), queryset=None, required=False, empty_label=_("Not recorded")
    )

    def __init__(self, *args, ticket, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.visible_to(user, CHANGE).filter(
            account_id=ticket.account_id
        )
