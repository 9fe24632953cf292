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






T = TypeVar("T", bound="PatchedOrderRequest")



@_attrs_define
class PatchedOrderRequest:
    """ 
        Attributes:
            number (str | Unset): The order number, e.g. from the ERP; imports update orders by it.
            account (int | Unset):
            owner (int | Unset): Defaults to you; managers may pick a rep of their teams.
            ordered_on (datetime.date | Unset):
            amount (str | Unset):
            promised_on (datetime.date | Unset):
            delivered_on (datetime.date | None | Unset):
            status (OrderStatusEnum | Unset): * `open` - Open
                * `in_production` - In production
                * `shipped` - Shipped
                * `partially_delivered` - Partially delivered
                * `delivered` - Delivered
                * `cancelled` - Cancelled
            opportunity (int | None | Unset):
     """

    number: str | Unset = UNSET
    account: int | Unset = UNSET
    owner: int | Unset = UNSET
    ordered_on: datetime.date | Unset = UNSET
    amount: str | Unset = UNSET
    promised_on: datetime.date | Unset = UNSET
    delivered_on: datetime.date | None | Unset = UNSET
    status: OrderStatusEnum | Unset = UNSET
    opportunity: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        number = self.number

        account = self.account

        owner = self.owner

        ordered_on: str | Unset = UNSET
        if not isinstance(self.ordered_on, Unset):
            ordered_on = self.ordered_on.isoformat()

        amount = self.amount

        promised_on: str | Unset = UNSET
        if not isinstance(self.promised_on, Unset):
            promised_on = self.promised_on.isoformat()

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
        })
        if number is not UNSET:
            field_dict["number"] = number
        if account is not UNSET:
            field_dict["account"] = account
        if owner is not UNSET:
            field_dict["owner"] = owner
        if ordered_on is not UNSET:
            field_dict["ordered_on"] = ordered_on
        if amount is not UNSET:
            field_dict["amount"] = amount
        if promised_on is not UNSET:
            field_dict["promised_on"] = promised_on
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
        number = d.pop("number", UNSET)

        account = d.pop("account", UNSET)

        owner = d.pop("owner", UNSET)

        _ordered_on = d.pop("ordered_on", UNSET)
        ordered_on: datetime.date | Unset
        if isinstance(_ordered_on,  Unset):
            ordered_on = UNSET
        else:
            ordered_on = datetime.date.fromisoformat(_ordered_on)




        amount = d.pop("amount", UNSET)

        _promised_on = d.pop("promised_on", UNSET)
        promised_on: datetime.date | Unset
        if isinstance(_promised_on,  Unset):
            promised_on = UNSET
        else:
            promised_on = datetime.date.fromisoformat(_promised_on)




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


        patched_order_request = cls(
            number=number,
            account=account,
            owner=owner,
            ordered_on=ordered_on,
            amount=amount,
            promised_on=promised_on,
            delivered_on=delivered_on,
            status=status,
            opportunity=opportunity,
        )


        patched_order_request.additional_properties = d
        return patched_order_request

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
