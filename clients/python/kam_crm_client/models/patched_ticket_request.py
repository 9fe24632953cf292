from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.category_enum import CategoryEnum
from ..models.department_code_enum import DepartmentCodeEnum
from ..models.priority_enum import PriorityEnum
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PatchedTicketRequest")



@_attrs_define
class PatchedTicketRequest:
    """ 
        Attributes:
            account (int | Unset):
            order (int | None | Unset):
            category (CategoryEnum | Unset): * `delivery` - Delivery
                * `quality` - Quality
                * `technical` - Technical
                * `return_exchange` - Return or exchange
                * `billing` - Billing
                * `other` - Other
            priority (PriorityEnum | Unset): * `low` - Low
                * `normal` - Normal
                * `high` - High
                * `urgent` - Urgent
            subject (str | Unset):
            description (str | Unset):
            department (DepartmentCodeEnum | Unset):
     """

    account: int | Unset = UNSET
    order: int | None | Unset = UNSET
    category: CategoryEnum | Unset = UNSET
    priority: PriorityEnum | Unset = UNSET
    subject: str | Unset = UNSET
    description: str | Unset = UNSET
    department: DepartmentCodeEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account = self.account

        order: int | None | Unset
        if isinstance(self.order, Unset):
            order = UNSET
        else:
            order = self.order

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category.value


        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value


        subject = self.subject

        description = self.description

        department: str | Unset = UNSET
        if not isinstance(self.department, Unset):
            department = self.department.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if account is not UNSET:
            field_dict["account"] = account
        if order is not UNSET:
            field_dict["order"] = order
        if category is not UNSET:
            field_dict["category"] = category
        if priority is not UNSET:
            field_dict["priority"] = priority
        if subject is not UNSET:
            field_dict["subject"] = subject
        if description is not UNSET:
            field_dict["description"] = description
        if department is not UNSET:
            field_dict["department"] = department

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account", UNSET)

        def _parse_order(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        order = _parse_order(d.pop("order", UNSET))


        _category = d.pop("category", UNSET)
        category: CategoryEnum | Unset
        if isinstance(_category,  Unset):
            category = UNSET
        else:
            category = CategoryEnum(_category)




        _priority = d.pop("priority", UNSET)
        priority: PriorityEnum | Unset
        if isinstance(_priority,  Unset):
            priority = UNSET
        else:
            priority = PriorityEnum(_priority)




        subject = d.pop("subject", UNSET)

        description = d.pop("description", UNSET)

        _department = d.pop("department", UNSET)
        department: DepartmentCodeEnum | Unset
        if isinstance(_department,  Unset):
            department = UNSET
        else:
            department = DepartmentCodeEnum(_department)




        patched_ticket_request = cls(
            account=account,
            order=order,
            category=category,
            priority=priority,
            subject=subject,
            description=description,
            department=department,
        )


        patched_ticket_request.additional_properties = d
        return patched_ticket_request

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
