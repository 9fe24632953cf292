"""Pages composed of panels that apps contribute: the home page, the account page's tabs.

An app registers what it shows, per role, the way Django apps register admin classes
(``kam`` finds each app's ``panels`` module at start-up); ``kam`` composes the page and
never imports an app's selectors. A panel is a template plus a function that reads what
the template needs, starting, like every read, from ``visible_to``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string

#: Every role (``kam.choices.Role`` values); a panel names the roles it is for.
ALL_ROLES = frozenset({"rep", "manager", "executive", "department", "admin"})


@dataclass(frozen=True)
class Panel:
    """One block of a page.

    ``context(request, **kwargs)`` returns the template's context (it runs the selectors),
    or ``None`` when the panel has nothing to say to this user and should not show.
    """

    name: str
    template: str
    context: Callable[..., dict[str, Any] | None]
    roles: frozenset[str] = ALL_ROLES
    order: int = 100
    #: For tabs: the label in the tab bar (lazy translation), and for a count badge a
    #: function returning an expression that counts the tab's records of the outer row
    #: (annotated onto the page's own query, so badges cost no query of their own).
    label: Any = ""
    count: Callable[[], Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def shows_for(self, user) -> bool:
        role = "admin" if user.is_superuser else user.role
        return role in self.roles

    def render(self, request, **kwargs) -> str:
        context = self.context(request, **kwargs)
        if context is None:
            return ""
        return render_to_string(self.template, {**kwargs, **context}, request=request)


class PanelRegistry:
    """The panels of one page, in ``order``; names are unique so a re-import cannot double."""

    def __init__(self, name: str):
        self.name = name
        self._panels: dict[str, Panel] = {}

    def register(self, panel: Panel) -> Panel:
        self._panels[panel.name] = panel
        return panel

    def panels(self) -> list[Panel]:
        return sorted(self._panels.values(), key=lambda panel: (panel.order, panel.name))

    def for_user(self, user) -> list[Panel]:
        return [panel for panel in self.panels() if panel.shows_for(user)]

    def get(self, name: str) -> Panel | None:
        return self._panels.get(name)

    def render(self, request, panels: Iterable[Panel] | None = None, **kwargs) -> list[str]:
        """Each shown panel's HTML, skipping the ones with nothing to show."""
        chosen = self.for_user(request.user) if panels is None else panels
        return [html for html in (panel.render(request, **kwargs) for panel in chosen) if html]


#: The home page: what needs doing, per role.
home_panels = PanelRegistry("home")


@dataclass(frozen=True)
class NavItem:
    """An entry of the main navigation; ``button`` marks the one primary action."""

    name: str
    label: Any
    url_name: str
    roles: frozenset[str] = ALL_ROLES
    order: int = 100
    button: bool = False
    #: Shown only to users for whom this returns True (e.g. ``may_create`` of a model).
    allowed: Callable[[Any], bool] | None = None

    def shows_for(self, user) -> bool:
        role = "admin" if user.is_superuser else user.role
        return role in self.roles and (self.allowed is None or self.allowed(user))


class NavRegistry:
    def __init__(self):
        self._items: dict[str, NavItem] = {}

    def register(self, item: NavItem) -> NavItem:
        self._items[item.name] = item
        return item

    def for_user(self, user) -> list[NavItem]:
        items = sorted(self._items.values(), key=lambda item: (item.button, item.order, item.name))
        return [item for item in items if item.shows_for(user)]


#: The main navigation under the brand; apps add their sections.
navigation = NavRegistry()


def _department_intro(request):
    return {"department": request.user.department}


home_panels.register(
    Panel(
        "kam.department_intro",
        "kam/panels/department_intro.html",
        _department_intro,
        roles=frozenset({"department"}),
        order=900,
    )
)
