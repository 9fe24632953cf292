from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.suggestion_status_enum import SuggestionStatusEnum
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.account_ref import AccountRef





T = TypeVar("T", bound="ProductSuggestion")



@_attrs_define
class ProductSuggestion:
    """ 
        Attributes:
            id (int):
            title (str):
            description (str):
            submitted_by (int):
            submitted_by_name (str):
            account_refs (list[AccountRef]):
            status (SuggestionStatusEnum): * `submitted` - Submitted
                * `under_review` - Under review
                * `adopted` - Adopted
                * `rejected` - Rejected
            decided_by (int | None):
            decided_by_name (None | str):
            decided_on (datetime.date | None):
            decision_note (str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            accounts (list[int] | Unset): Accounts you look after.
     """

    id: int
    title: str
    description: str
    submitted_by: int
    submitted_by_name: str
    account_refs: list[AccountRef]
    status: SuggestionStatusEnum
    decided_by: int | None
    decided_by_name: None | str
    decided_on: datetime.date | None
    decision_note: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    accounts: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.account_ref import AccountRef # noqa: PLC0415
        id = self.id

        title = self.title

        description = self.description

        submitted_by = self.submitted_by

        submitted_by_name = self.submitted_by_name

        account_refs = []
        for account_refs_item_data in self.account_refs:
            account_refs_item = account_refs_item_data.to_dict()
            account_refs.append(account_refs_item)



        status = self.status.value

        decided_by: int | None
        decided_by = self.decided_by

        decided_by_name: None | str
        decided_by_name = self.decided_by_name

        decided_on: None | str
        if isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        decision_note = self.decision_note

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        accounts: list[int] | Unset = UNSET
        if not isinstance(self.accounts, Unset):
            accounts = self.accounts




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "title": title,
            "description": description,
            "submitted_by": submitted_by,
            "submitted_by_name": submitted_by_name,
            "account_refs": account_refs,
            "status": status,
            "decided_by": decided_by,
            "decided_by_name": decided_by_name,
            "decided_on": decided_on,
            "decision_note": decision_note,
            "created_at": created_at,
            "updated_at": updated_at,
        })
        if accounts is not UNSET:
            field_dict["accounts"] = accounts

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_ref import AccountRef # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        description = d.pop("description")

        submitted_by = d.pop("submitted_by")

        submitted_by_name = d.pop("submitted_by_name")

        account_refs = []
        _account_refs = d.pop("account_refs")
        for account_refs_item_data in (_account_refs):
            account_refs_item = AccountRef.from_dict(account_refs_item_data)



            account_refs.append(account_refs_item)


        status = SuggestionStatusEnum(d.pop("status"))




        def _parse_decided_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))


        def _parse_decided_by_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by_name = _parse_decided_by_name(d.pop("decided_by_name"))


        def _parse_decided_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)



                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        decided_on = _parse_decided_on(d.pop("decided_on"))


        decision_note = d.pop("decision_note")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        accounts = cast(list[int], d.pop("accounts", UNSET))


        product_suggestion = cls(
            id=id,
            title=title,
            description=description,
            submitted_by=submitted_by,
            submitted_by_name=submitted_by_name,
            account_refs=account_refs,
            status=status,
            decided_by=decided_by,
            decided_by_name=decided_by_name,
            decided_on=decided_on,
            decision_note=decision_note,
            created_at=created_at,
            updated_at=updated_at,
            accounts=accounts,
        )


        product_suggestion.additional_properties = d
        return product_suggestion

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
