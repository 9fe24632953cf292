from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.action_enum import ActionEnum
from typing import cast

if TYPE_CHECKING:
  from ..models.import_field_change import ImportFieldChange





T = TypeVar("T", bound="ImportChange")



@_attrs_define
class ImportChange:
    """ 
        Attributes:
            row (int):
            action (ActionEnum): * `created` - created
                * `updated` - updated
            key (str):
            fields (list[ImportFieldChange]):
     """

    row: int
    action: ActionEnum
    key: str
    fields: list[ImportFieldChange]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_field_change import ImportFieldChange # noqa: PLC0415
        row = self.row

        action = self.action.value

        key = self.key

        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.to_dict()
            fields.append(fields_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "row": row,
            "action": action,
            "key": key,
            "fields": fields,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_field_change import ImportFieldChange # noqa: PLC0415
        d = dict(src_dict)
        row = d.pop("row")

        action = ActionEnum(d.pop("action"))




        key = d.pop("key")

        fields = []
        _fields = d.pop("fields")
        for fields_item_data in (_fields):
            fields_item = ImportFieldChange.from_dict(fields_item_data)



            fields.append(fields_item)


        import_change = cls(
            row=row,
            action=action,
            key=key,
            fields=fields,
        )


        import_change.additional_properties = d
        return import_change

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
