from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.stage_enum import StageEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Opportunity")



@_attrs_define
class Opportunity:
    """ 
        Attributes:
            id (int):
            account (int):
            account_name (str):
            name (str):
            expected_close_on (datetime.date):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            owner (int | Unset): Defaults to you; managers may pick a rep of their teams.
            stage (StageEnum | Unset): * `lead` - Lead
                * `qualified` - Qualified
                * `proposal` - Proposal
                * `negotiation` - Negotiation
                * `won` - Won
                * `lost` - Lost
            amount (str | Unset):
            opened_on (datetime.date | Unset):
            closed_on (datetime.date | None | Unset): Set when the deal is won or lost (today unless given); cleared on
                reopening.
            lost_reason (str | Unset):
            competitor (int | None | Unset):
     """

    id: int
    account: int
    account_name: str
    name: str
    expected_close_on: datetime.date
    created_at: datetime.datetime
    updated_at: datetime.datetime
    owner: int | Unset = UNSET
    stage: StageEnum | Unset = UNSET
    amount: str | Unset = UNSET
    opened_on: datetime.date | Unset = UNSET
    closed_on: datetime.date | None | Unset = UNSET
    lost_reason: str | Unset = UNSET
    competitor: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        account = self.account

        account_name = self.account_name

        name = self.name

        expected_close_on = self.expected_close_on.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        owner = self.owner

        stage: str | Unset = UNSET
        if not isinstance(self.stage, Unset):
            stage = self.stage.value


        amount = self.amount

        opened_on: str | Unset = UNSET
        if not isinstance(self.opened_on, Unset):
            opened_on = self.opened_on.isoformat()

        closed_on: None | str | Unset
        if isinstance(self.closed_on, Unset):
            closed_on = UNSET
        elif isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        lost_reason = self.lost_reason

        competitor: int | None | Unset
        if isinstance(self.competitor, Unset):
            competitor = UNSET
        else:
            competitor = self.competitor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "account": account,
            "account_name": account_name,
            "name": name,
            "expected_close_on": expected_close_on,
            "created_at": created_at,
            "updated_at": updated_at,
        })
        if owner is not UNSET:
            field_dict["owner"] = owner
        if stage is not UNSET:
            field_dict["stage"] = stage
        if amount is not UNSET:
            field_dict["amount"] = amount
        if opened_on is not UNSET:
            field_dict["opened_on"] = opened_on
        if closed_on is not UNSET:
            field_dict["closed_on"] = closed_on
        if lost_reason is not UNSET:
            field_dict["lost_reason"] = lost_reason
        if competitor is not UNSET:
            field_dict["competitor"] = competitor

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        account = d.pop("account")

        account_name = d.pop("account_name")

        name = d.pop("name")

        expected_close_on = datetime.date.fromisoformat(d.pop("expected_close_on"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        owner = d.pop("owner", UNSET)

        _stage = d.pop("stage", UNSET)
        stage: StageEnum | Unset
        if isinstance(_stage,  Unset):
            stage = UNSET
        else:
            stage = StageEnum(_stage)




        amount = d.pop("amount", UNSET)

        _opened_on = d.pop("opened_on", UNSET)
        opened_on: datetime.date | Unset
        if isinstance(_opened_on,  Unset):
            opened_on = UNSET
        else:
            opened_on = datetime.date.fromisoformat(_opened_on)




        def _parse_closed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_on_type_0 = datetime.date.fromisoformat(data)



                return closed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        closed_on = _parse_closed_on(d.pop("closed_on", UNSET))


        lost_reason = d.pop("lost_reason", UNSET)

        def _parse_competitor(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        competitor = _parse_competitor(d.pop("competitor", UNSET))


        opportunity = cls(
            id=id,
            account=account,
            account_name=account_name,
            name=name,
            expected_close_on=expected_close_on,
            created_at=created_at,
            updated_at=updated_at,
            owner=owner,
            stage=stage,
            amount=amount,
            opened_on=opened_on,
            closed_on=closed_on,
            lost_reason=lost_reason,
            competitor=competitor,
        )


        opportunity.additional_properties = d
        return opportunity

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
