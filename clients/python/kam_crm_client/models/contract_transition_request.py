from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.contract_status_enum import ContractStatusEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ContractTransitionRequest")



@_attrs_define
class ContractTransitionRequest:
    """ 
        Attributes:
            status (ContractStatusEnum): * `draft` - Draft
                * `negotiating` - Negotiating
                * `in_review` - In review
                * `approved` - Approved
                * `signed` - Signed
                * `expired` - Expired
                * `terminated` - Terminated
            note (str | Unset): Why; required to terminate. Default: ''.
            signed_on (datetime.date | None | Unset):
     """

    status: ContractStatusEnum
    note: str | Unset = ''
    signed_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        note = self.note

        signed_on: None | str | Unset
        if isinstance(self.signed_on, Unset):
            signed_on = UNSET
        elif isinstance(self.signed_on, datetime.date):
            signed_on = self.signed_on.isoformat()
        else:
            signed_on = self.signed_on


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "status": status,
        })
        if note is not UNSET:
            field_dict["note"] = note
        if signed_on is not UNSET:
            field_dict["signed_on"] = signed_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = ContractStatusEnum(d.pop("status"))




        note = d.pop("note", UNSET)

        def _parse_signed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signed_on_type_0 = datetime.date.fromisoformat(data)



                return signed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        signed_on = _parse_signed_on(d.pop("signed_on", UNSET))


        contract_transition_request = cls(
            status=status,
            note=note,
            signed_on=signed_on,
        )


        contract_transition_request.additional_properties = d
        return contract_transition_request

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
