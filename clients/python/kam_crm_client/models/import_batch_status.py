from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.import_batch_status_status_enum import ImportBatchStatusStatusEnum
from typing import cast

if TYPE_CHECKING:
  from ..models.import_message import ImportMessage





T = TypeVar("T", bound="ImportBatchStatus")



@_attrs_define
class ImportBatchStatus:
    """ 
        Attributes:
            batch (int):
            status (ImportBatchStatusStatusEnum): * `checking` - Checking
                * `previewed` - Previewed
                * `importing` - Importing
                * `applied` - Imported
                * `refused` - Refused
                * `failed` - Failed
            rows_total (int | None):
            rows_done (int):
            created (int | None):
            updated (int | None):
            unchanged (int | None):
            errors (list[ImportMessage]):
            url (str):
     """

    batch: int
    status: ImportBatchStatusStatusEnum
    rows_total: int | None
    rows_done: int
    created: int | None
    updated: int | None
    unchanged: int | None
    errors: list[ImportMessage]
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_message import ImportMessage # noqa: PLC0415
        batch = self.batch

        status = self.status.value

        rows_total: int | None
        rows_total = self.rows_total

        rows_done = self.rows_done

        created: int | None
        created = self.created

        updated: int | None
        updated = self.updated

        unchanged: int | None
        unchanged = self.unchanged

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)



        url = self.url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "batch": batch,
            "status": status,
            "rows_total": rows_total,
            "rows_done": rows_done,
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
            "errors": errors,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_message import ImportMessage # noqa: PLC0415
        d = dict(src_dict)
        batch = d.pop("batch")

        status = ImportBatchStatusStatusEnum(d.pop("status"))




        def _parse_rows_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rows_total = _parse_rows_total(d.pop("rows_total"))


        rows_done = d.pop("rows_done")

        def _parse_created(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        created = _parse_created(d.pop("created"))


        def _parse_updated(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        updated = _parse_updated(d.pop("updated"))


        def _parse_unchanged(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        unchanged = _parse_unchanged(d.pop("unchanged"))


        errors = []
        _errors = d.pop("errors")
        for errors_item_data in (_errors):
            errors_item = ImportMessage.from_dict(errors_item_data)



            errors.append(errors_item)


        url = d.pop("url")

        import_batch_status = cls(
            batch=batch,
            status=status,
            rows_total=rows_total,
            rows_done=rows_done,
            created=created,
            updated=updated,
            unchanged=unchanged,
            errors=errors,
            url=url,
        )


        import_batch_status.additional_properties = d
        return import_batch_status

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
