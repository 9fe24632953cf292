from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.duplicate_account_match import DuplicateAccountMatch





T = TypeVar("T", bound="DuplicateAccount")



@_attrs_define
class DuplicateAccount:
    """ 
        Attributes:
            detail (str):
            duplicates (list[DuplicateAccountMatch]):
     """

    detail: str
    duplicates: list[DuplicateAccountMatch]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.duplicate_account_match import DuplicateAccountMatch # noqa: PLC0415
        detail = self.detail

        duplicates = []
        for duplicates_item_data in self.duplicates:
            duplicates_item = duplicates_item_data.to_dict()
            duplicates.append(duplicates_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "detail": detail,
            "duplicates": duplicates,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.duplicate_account_match import DuplicateAccountMatch # noqa: PLC0415
        d = dict(src_dict)
        detail = d.pop("detail")

        duplicates = []
        _duplicates = d.pop("duplicates")
        for duplicates_item_data in (_duplicates):
            duplicates_item = DuplicateAccountMatch.from_dict(duplicates_item_data)



            duplicates.append(duplicates_item)


        duplicate_account = cls(
            detail=detail,
            duplicates=duplicates,
        )


        duplicate_account.additional_properties = d
        return duplicate_account

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
