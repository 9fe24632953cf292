from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.category_enum import CategoryEnum
from ..models.clock_stopped_enum import ClockStoppedEnum
from ..models.department_code_enum import DepartmentCodeEnum
from ..models.priority_enum import PriorityEnum
from ..models.sla_state_enum import SlaStateEnum
from ..models.ticket_status_enum import TicketStatusEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Ticket")



@_attrs_define
class Ticket:
    """ 
        Attributes:
            id (int):
            account (int):
            account_name (str):
            account_tier (str):
            order_number (None | str):
            order_promised_on (datetime.date | None):
            category (CategoryEnum): * `delivery` - Delivery
                * `quality` - Quality
                * `technical` - Technical
                * `return_exchange` - Return or exchange
                * `billing` - Billing
                * `other` - Other
            subject (str):
            status (TicketStatusEnum): * `open` - Open
                * `in_progress` - In progress
                * `waiting_on_customer` - Waiting on customer
                * `resolved` - Resolved
                * `closed` - Closed
            raised_by (int):
            raised_by_name (str):
            assignee (int | None):
            assignee_name (None | str):
            opened_at (datetime.datetime):
            first_response_at (datetime.datetime | None):
            resolved_at (datetime.datetime | None):
            due_at (datetime.datetime):
            paused_seconds (int):
            sla_state (SlaStateEnum): * `on_track` - On track
                * `at_risk` - At risk
                * `breached` - Breached
                * `paused` - Paused
                * `met` - Resolved in time
                * `missed` - Resolved late
            remaining_seconds (int | None): Open time left before due_at (negative: overdue by that much), in business
                seconds when sla_calendar is set; null once resolved.
            sla_calendar (None | str): The business calendar the SLA counts in (its priority's policy's when the ticket
                opened); null: round the clock.
            clock_stopped (ClockStoppedEnum | None): Why the SLA clock is not running now: waiting_on_customer, holiday,
                outside_hours or resolved; null while it runs.
            resolution_hours (float | None): resolved_at − opened_at − paused_seconds, in hours.
            feedback_score (int | None):
            updated_at (datetime.datetime):
            order (int | None | Unset):
            priority (PriorityEnum | Unset): * `low` - Low
                * `normal` - Normal
                * `high` - High
                * `urgent` - Urgent
            description (str | Unset):
            department (DepartmentCodeEnum | Unset):
     """

    id: int
    account: int
    account_name: str
    account_tier: str
    order_number: None | str
    order_promised_on: datetime.date | None
    category: CategoryEnum
    subject: str
    status: TicketStatusEnum
    raised_by: int
    raised_by_name: str
    assignee: int | None
    assignee_name: None | str
    opened_at: datetime.datetime
    first_response_at: datetime.datetime | None
    resolved_at: datetime.datetime | None
    due_at: datetime.datetime
    paused_seconds: int
    sla_state: SlaStateEnum
    remaining_seconds: int | None
    sla_calendar: None | str
    clock_stopped: ClockStoppedEnum | None
    resolution_hours: float | None
    feedback_score: int | None
    updated_at: datetime.datetime
    order: int | None | Unset = UNSET
    priority: PriorityEnum | Unset = UNSET
    description: str | Unset = UNSET
    department: DepartmentCodeEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        account = self.account

        account_name = self.account_name

        account_tier = self.account_tier

        order_number: None | str
        order_number = self.order_number

        order_promised_on: None | str
        if isinstance(self.order_promised_on, datetime.date):
            order_promised_on = self.order_promised_on.isoformat()
        else:
            order_promised_on = self.order_promised_on

        category = self.category.value

        subject = self.subject

        status = self.status.value

        raised_by = self.raised_by

        raised_by_name = self.raised_by_name

        assignee: int | None
        assignee = self.assignee

        assignee_name: None | str
        assignee_name = self.assignee_name

        opened_at = self.opened_at.isoformat()

        first_response_at: None | str
        if isinstance(self.first_response_at, datetime.datetime):
            first_response_at = self.first_response_at.isoformat()
        else:
            first_response_at = self.first_response_at

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        due_at = self.due_at.isoformat()

        paused_seconds = self.paused_seconds

        sla_state = self.sla_state.value

        remaining_seconds: int | None
        remaining_seconds = self.remaining_seconds

        sla_calendar: None | str
        sla_calendar = self.sla_calendar

        clock_stopped: None | str
        if isinstance(self.clock_stopped, ClockStoppedEnum):
            clock_stopped = self.clock_stopped.value
        else:
            clock_stopped = self.clock_stopped

        resolution_hours: float | None
        resolution_hours = self.resolution_hours

        feedback_score: int | None
        feedback_score = self.feedback_score

        updated_at = self.updated_at.isoformat()

        order: int | None | Unset
        if isinstance(self.order, Unset):
            order = UNSET
        else:
            order = self.order

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value


        description = self.description

        department: str | Unset = UNSET
        if not isinstance(self.department, Unset):
            department = self.department.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "account": account,
            "account_name": account_name,
            "account_tier": account_tier,
            "order_number": order_number,
            "order_promised_on": order_promised_on,
            "category": category,
            "subject": subject,
            "status": status,
            "raised_by": raised_by,
            "raised_by_name": raised_by_name,
            "assignee": assignee,
            "assignee_name": assignee_name,
            "opened_at": opened_at,
            "first_response_at": first_response_at,
            "resolved_at": resolved_at,
            "due_at": due_at,
            "paused_seconds": paused_seconds,
            "sla_state": sla_state,
            "remaining_seconds": remaining_seconds,
            "sla_calendar": sla_calendar,
            "clock_stopped": clock_stopped,
            "resolution_hours": resolution_hours,
            "feedback_score": feedback_score,
            "updated_at": updated_at,
        })
        if order is not UNSET:
            field_dict["order"] = order
        if priority is not UNSET:
            field_dict["priority"] = priority
        if description is not UNSET:
            field_dict["description"] = description
        if department is not UNSET:
            field_dict["department"] = department

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        account = d.pop("account")

        account_name = d.pop("account_name")

        account_tier = d.pop("account_tier")

        def _parse_order_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_number = _parse_order_number(d.pop("order_number"))


        def _parse_order_promised_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                order_promised_on_type_0 = datetime.date.fromisoformat(data)



                return order_promised_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        order_promised_on = _parse_order_promised_on(d.pop("order_promised_on"))


        category = CategoryEnum(d.pop("category"))




        subject = d.pop("subject")

        status = TicketStatusEnum(d.pop("status"))




        raised_by = d.pop("raised_by")

        raised_by_name = d.pop("raised_by_name")

        def _parse_assignee(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        assignee = _parse_assignee(d.pop("assignee"))


        def _parse_assignee_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee_name = _parse_assignee_name(d.pop("assignee_name"))


        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))




        def _parse_first_response_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_response_at_type_0 = datetime.datetime.fromisoformat(data)



                return first_response_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_response_at = _parse_first_response_at(d.pop("first_response_at"))


        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)



                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))


        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))




        paused_seconds = d.pop("paused_seconds")

        sla_state = SlaStateEnum(d.pop("sla_state"))




        def _parse_remaining_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        remaining_seconds = _parse_remaining_seconds(d.pop("remaining_seconds"))


        def _parse_sla_calendar(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sla_calendar = _parse_sla_calendar(d.pop("sla_calendar"))


        def _parse_clock_stopped(data: object) -> ClockStoppedEnum | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clock_stopped_type_0 = ClockStoppedEnum(data)



                return clock_stopped_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClockStoppedEnum | None, data)

        clock_stopped = _parse_clock_stopped(d.pop("clock_stopped"))


        def _parse_resolution_hours(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolution_hours = _parse_resolution_hours(d.pop("resolution_hours"))


        def _parse_feedback_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        feedback_score = _parse_feedback_score(d.pop("feedback_score"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        def _parse_order(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        order = _parse_order(d.pop("order", UNSET))


        _priority = d.pop("priority", UNSET)
        priority: PriorityEnum | Unset
        if isinstance(_priority,  Unset):
            priority = UNSET
        else:
            priority = PriorityEnum(_priority)




        description = d.pop("description", UNSET)

        _department = d.pop("department", UNSET)
        department: DepartmentCodeEnum | Unset
        if isinstance(_department,  Unset):
            department = UNSET
        else:
            department = DepartmentCodeEnum(_department)




        ticket = cls(
            id=id,
            account=account,
            account_name=account_name,
            account_tier=account_tier,
            order_number=order_number,
            order_promised_on=order_promised_on,
            category=category,
            subject=subject,
            status=status,
            raised_by=raised_by,
            raised_by_name=raised_by_name,
            assignee=assignee,
            assignee_name=assignee_name,
            opened_at=opened_at,
            first_response_at=first_response_at,
            resolved_at=resolved_at,
            due_at=due_at,
            paused_seconds=paused_seconds,
            sla_state=sla_state,
            remaining_seconds=remaining_seconds,
            sla_calendar=sla_calendar,
            clock_stopped=clock_stopped,
            resolution_hours=resolution_hours,
            feedback_score=feedback_score,
            updated_at=updated_at,
            order=order,
            priority=priority,
            description=description,
            department=department,
        )


        ticket.additional_properties = d
        return ticket

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
