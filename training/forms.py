"""Forms of the duty-7 pages. As elsewhere, forms validate and collect input; the views
hand ``cleaned_data`` to ``training.services``; every record offered comes from
``visible_to(user, "change")``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import DATETIME_INPUT, TEXTAREA, ServiceModelForm
from accounts.models import Account, Contact
from kam.bounds import BoundedDateTimeField
from kam.models import Department
from kam.visibility import CHANGE
from training.choices import SCORES, SessionStatus
from training.models import TrainingSession
from training.services import MATERIAL_KINDS, trainers


class SessionForm(ServiceModelForm):
    scheduled_at = BoundedDateTimeField(label=_("When"), widget=DATETIME_INPUT)
    online_url = forms.URLField(
        label=_("Online link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = TrainingSession
        fields = [
            "account",
            "kind",
            "title",
            "topic",
            "scheduled_at",
            "duration_minutes",
            "location",
            "online_url",
            "trainer",
            "support_department",
            "agenda",
        ]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = trainers()
        self.fields["trainer"].required = False
        self.fields["trainer"].empty_label = _("Me")
        support = self.fields["support_department"]
        support.queryset = Department.objects.order_by("name")
        support.empty_label = _("No department")
        if self.instance.pk:
            del self.fields["account"]
        else:
            self.fields["account"].queryset = Account.objects.visible_to(self.user, CHANGE)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("trainer") is None:
            cleaned.pop("trainer", None)
        return cleaned


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, SessionStatus(s).label) for s in statuses]


class InviteForm(forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        label=_("Invite"),
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, session, user, **kwargs):
        super().__init__(*args, **kwargs)
        invited = session.attendances.values("contact_id")
        self.fields["contacts"].queryset = (
            Contact.objects.visible_to(user)
            .filter(account_id=session.account_id)
            .exclude(pk__in=invited)
            .order_by("name")
        )


class AttendanceForm(forms.Form):
    """One tri-state choice per invited contact: came, did not come, not taken yet."""

    CHOICES = [("", _("Not taken")), ("yes", _("Came")), ("no", _("Did not come"))]

    def __init__(self, *args, attendances, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = attendances
        for row in attendances:
            self.fields[f"contact_{row.contact_id}"] = forms.ChoiceField(
                label=row.contact.name,
                choices=self.CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial={True: "yes", False: "no"}.get(row.attended, ""),
            )

    def attended(self) -> dict[int, bool | None]:
        values = {"yes": True, "no": False, "": None}
        return {
            row.contact_id: values[self.cleaned_data.get(f"contact_{row.contact_id}") or ""]
            for row in self.rows
        }


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{kind}" for kind in MATERIAL_KINDS)}
        ),
        help_text=_("Slides, a handout or a picture: PDF, PowerPoint, Word, Excel, PNG or JPEG."),
    )


class AttachMaterialForm(forms.Form):
    material = forms.ModelChoiceField(label=_("Reuse a material"), queryset=None)

    def __init__(self, *args, materials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].queryset = materials


class NameChoiceField(forms.ModelChoiceField):
    """A contact by name only (a supporting department reads no more of the invited)."""

    def label_from_instance(self, obj):
        return obj.name


class FeedbackForm(forms.Form):
    """The customer's feedback, typed in by the account's side or given on the link."""

    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        choices=[(score, str(score)) for score in SCORES],
        widget=forms.RadioSelect,
        help_text=_("1 = poor … 5 = excellent."),
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=TEXTAREA, max_length=10_000
    )

    def __init__(self, *args, session=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None and user is not None:
            self.fields["contact"] = NameChoiceField(
                label=_("Attendee"),
                required=False,
                # The invited (whom a supporting department sees too).
                queryset=Contact.objects.filter(attendances__session=session).order_by("name"),
                empty_label=_("Not named"),
            )
            self.order_fields(["contact", "score", "comments"])


class LinksForm(forms.Form):
    anonymous = forms.IntegerField(
        label=_("Links not tied to a person"),
        min_value=0,
        max_value=100,
        initial=0,
        required=False,
        help_text=_("Besides one link per attendee still without one."),
    )
