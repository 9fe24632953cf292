from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.file_type_enum import FileTypeEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ContractVersion")



@_attrs_define
class ContractVersion:
    """ 
        Attributes:
            id (int):
            contract (int):
            version_no (int):
            file_name (str):
            file_type (FileTypeEnum): * `pdf` - PDF
                * `docx` - Word (DOCX)
            file_size (int | None):
            file_url (str): Where the file is downloaded (with the same credentials).
            created_by (int):
            created_by_name (str):
            created_at (datetime.datetime):
            body (str | Unset):
            change_summary (str | Unset):
     """

    id: int
    contract: int
    version_no: int
    file_name: str
    file_type: FileTypeEnum
    file_size: int | None
    file_url: str
    created_by: int
    created_by_name: str
    created_at: datetime.datetime
    body: str | Unset = UNSET
    change_summary: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        contract = self.contract

        version_no = self.version_no

        file_name = self.file_name

        file_type = self.file_type.value

        file_size: int | None
        file_size = self.file_size

        file_url = self.file_url

        created_by = self.created_by

        created_by_name = self.created_by_name

        created_at = self.created_at.isoformat()

        body = self.body

        change_summary = self.change_summary


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "contract": contract,
            "version_no": version_no,
            "file_name": file_name,
            "file_type": file_type,
            "file_size": file_size,
            "file_url": file_url,
            "created_by": created_by,
            "created_by_name": created_by_name,
            "created_at": created_at,
        })
        if body is not UNSET:
            field_dict["body"] = body
        if change_summary is not UNSET:
            field_dict["change_summary"] = change_summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        contract = d.pop("contract")

        version_no = d.pop("version_no")

        file_name = d.pop("file_name")

        file_type = FileTypeEnum(d.pop("file_type"))




        def _parse_file_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        file_size = _parse_file_size(d.pop("file_size"))


        file_url = d.pop("file_url")

        created_by = d.pop("created_by")

        created_by_name = d.pop("created_by_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        body = d.pop("body", UNSET)

        change_summary = d.pop("change_summary", UNSET)

        contract_version = cls(
            id=id,
            contract=contract,
            version_no=version_no,
            file_name=file_name,
            file_type=file_type,
            file_size=file_size,
            file_url=file_url,
            created_by=created_by,
            created_by_name=created_by_name,
            created_at=created_at,
            body=body,
            change_summary=change_summary,
        )


        contract_version.additional_properties = d
        return contract_version

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
