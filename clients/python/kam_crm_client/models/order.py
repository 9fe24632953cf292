from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_status_enum import OrderStatusEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Order")



@_attrs_define
class Order:
    """ 
        Attributes:
            id (int):
            number (str): The order number, e.g. from the ERP; imports update orders by it.
            account (int):
            account_name (str):
            ordered_on (datetime.date):
            amount (str):
            promised_on (datetime.date):
            is_overdue (bool): Past its promised date and not delivered (nor cancelled).
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            owner (int | Unset): Defaults to you; managers may pick a rep of their teams.
            delivered_on (datetime.date | None | Unset):
            status (OrderStatusEnum | Unset): * `open` - Open
                * `in_production` - In production
                * `shipped` - Shipped
                * `partially_delivered` - Partially delivered
                * `delivered` - Delivered
                * `cancelled` - Cancelled
            opportunity (int | None | Unset):
     """

    id: int
    number: str
    account: int
    account_name: str
    ordered_on: datetime.date
    amount: str
    promised_on: datetime.date
    is_overdue: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    owner: int | Unset = UNSET
    delivered_on: datetime.date | None | Unset = UNSET
    status: OrderStatusEnum | Unset = UNSET
    opportunity: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        number = self.number

        account = self.account

        account_name = self.account_name

        ordered_on = self.ordered_on.isoformat()

        amount = self.amount

        promised_on = self.promised_on.isoformat()

        is_overdue = self.is_overdue

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        owner = self.owner

        delivered_on: None | str | Unset
        if isinstance(self.delivered_on, Unset):
            delivered_on = UNSET
        elif isinstance(self.delivered_on, datetime.date):
            delivered_on = self.delivered_on.isoformat()
        else:
            delivered_on = self.delivered_on

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value


        opportunity: int | None | Unset
        if isinstance(self.opportunity, Unset):
            opportunity = UNSET
        else:
            opportunity = self.opportunity


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "number": number,
            "account": account,
            "account_name": account_name,
            "ordered_on": ordered_on,
            "amount": amount,
            "promised_on": promised_on,
            "is_overdue": is_overdue,
            "created_at": created_at,
            "updated_at": updated_at,
        })
        if owner is not UNSET:
            field_dict["owner"] = owner
        if delivered_on is not UNSET:
            field_dict["delivered_on"] = delivered_on
        if status is not UNSET:
            field_dict["status"] = status
        if opportunity is not UNSET:
            field_dict["opportunity"] = opportunity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        number = d.pop("number")

        account = d.pop("account")

        account_name = d.pop("account_name")

        ordered_on = datetime.date.fromisoformat(d.pop("ordered_on"))




        amount = d.pop("amount")

        promised_on = datetime.date.fromisoformat(d.pop("promised_on"))




        is_overdue = d.pop("is_overdue")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        owner = d.pop("owner", UNSET)

        def _parse_delivered_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_on_type_0 = datetime.date.fromisoformat(data)



                return delivered_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        delivered_on = _parse_delivered_on(d.pop("delivered_on", UNSET))


        _status = d.pop("status", UNSET)
        status: OrderStatusEnum | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = OrderStatusEnum(_status)




        def _parse_opportunity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        opportunity = _parse_opportunity(d.pop("opportunity", UNSET))


        order = cls(
            id=id,
            number=number,
            account=account,
            account_name=account_name,
            ordered_on=ordered_on,
            amount=amount,
            promised_on=promised_on,
            is_overdue=is_overdue,
            created_at=created_at,
            updated_at=updated_at,
            owner=owner,
            delivered_on=delivered_on,
            status=status,
            opportunity=opportunity,
        )


        order.additional_properties = d
        return order

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
