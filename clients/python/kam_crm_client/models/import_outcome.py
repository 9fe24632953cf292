from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.import_change import ImportChange
  from ..models.import_message import ImportMessage





T = TypeVar("T", bound="ImportOutcome")



@_attrs_define
class ImportOutcome:
    """ 
        Attributes:
            created (int):
            updated (int):
            unchanged (int):
            changes (list[ImportChange] | Unset): On a dry run only.
            warnings (list[ImportMessage] | Unset): On a dry run only.
     """

    created: int
    updated: int
    unchanged: int
    changes: list[ImportChange] | Unset = UNSET
    warnings: list[ImportMessage] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_change import ImportChange # noqa: PLC0415
        from ..models.import_message import ImportMessage # noqa: PLC0415
        created = self.created

        updated = self.updated

        unchanged = self.unchanged

        changes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = []
            for changes_item_data in self.changes:
                changes_item = changes_item_data.to_dict()
                changes.append(changes_item)



        warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = []
            for warnings_item_data in self.warnings:
                warnings_item = warnings_item_data.to_dict()
                warnings.append(warnings_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
        })
        if changes is not UNSET:
            field_dict["changes"] = changes
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_change import ImportChange # noqa: PLC0415
        from ..models.import_message import ImportMessage # noqa: PLC0415
        d = dict(src_dict)
        created = d.pop("created")

        updated = d.pop("updated")

        unchanged = d.pop("unchanged")

        _changes = d.pop("changes", UNSET)
        changes: list[ImportChange] | Unset = UNSET
        if _changes is not UNSET:
            changes = []
            for changes_item_data in _changes:
                changes_item = ImportChange.from_dict(changes_item_data)



                changes.append(changes_item)


        _warnings = d.pop("warnings", UNSET)
        warnings: list[ImportMessage] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = ImportMessage.from_dict(warnings_item_data)



                warnings.append(warnings_item)


        import_outcome = cls(
            created=created,
            updated=updated,
            unchanged=unchanged,
            changes=changes,
            warnings=warnings,
        )


        import_outcome.additional_properties = d
        return import_outcome

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
