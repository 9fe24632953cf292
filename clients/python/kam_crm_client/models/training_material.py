from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TrainingMaterial")



@_attrs_define
class TrainingMaterial:
    """ 
        Attributes:
            id (int):
            file_name (str):
            file_type (str):
            file_size (int):
            file_url (str):
            uploaded_by (int):
            created_at (datetime.datetime):
            title (str | Unset):
     """

    id: int
    file_name: str
    file_type: str
    file_size: int
    file_url: str
    uploaded_by: int
    created_at: datetime.datetime
    title: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        file_name = self.file_name

        file_type = self.file_type

        file_size = self.file_size

        file_url = self.file_url

        uploaded_by = self.uploaded_by

        created_at = self.created_at.isoformat()

        title = self.title


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "file_name": file_name,
            "file_type": file_type,
            "file_size": file_size,
            "file_url": file_url,
            "uploaded_by": uploaded_by,
            "created_at": created_at,
        })
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        file_name = d.pop("file_name")

        file_type = d.pop("file_type")

        file_size = d.pop("file_size")

        file_url = d.pop("file_url")

        uploaded_by = d.pop("uploaded_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        title = d.pop("title", UNSET)

        training_material = cls(
            id=id,
            file_name=file_name,
            file_type=file_type,
            file_size=file_size,
            file_url=file_url,
            uploaded_by=uploaded_by,
            created_at=created_at,
            title=title,
        )


        training_material.additional_properties = d
        return training_material

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
