"""Who reads which scorecards.

A rep reads their own; a manager the reps of the teams they manage, those teams, and the
company's (the row every team is measured against); an executive and an admin all of them.
Nobody changes one: the recompute job writes them.
"""

from django.db import models
from django.db.models import Q

from kam.choices import Role
from kam.visibility import VIEW, sees_everything, signed_in


class ScorecardQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW):
        if not signed_in(user, action) or action != VIEW:
            return self.none()
        if sees_everything(user, action):
            return self.all()
        if user.role == Role.MANAGER:
            return self.filter(
                Q(scope="rep", user__team__manager=user)
                | Q(scope="team", team__manager=user)
                | Q(scope="company")
            )
        if user.role == Role.REP:
            return self.filter(scope="rep", user=user)
        return self.none()

    def of_quarter(self, quarter):
        return self.filter(year=quarter.year, quarter=quarter.quarter)


class ScorecardMetricQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW):
        from kpis.models import Scorecard

        return self.filter(scorecard__in=Scorecard.objects.visible_to(user, action))


class RecomputeRunQuerySet(models.QuerySet):
    """The job's runs: read by those who read dashboards of more than themselves."""

    def visible_to(self, user, action: str = VIEW):
        if not signed_in(user, action) or action != VIEW:
            return self.none()
        if sees_everything(user, action) or user.role == Role.MANAGER:
            return self.all()
        return self.none()
