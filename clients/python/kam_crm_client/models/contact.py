from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.buying_role_enum import BuyingRoleEnum
from ..models.sentiment_enum import SentimentEnum
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Contact")



@_attrs_define
class Contact:
    """ 
        Attributes:
            id (int):
            account (int):
            name (str):
            title (str | Unset):
            email (str | Unset):
            phone (str | Unset):
            buying_role (BuyingRoleEnum | Unset): * `decision_maker` - Decision maker
                * `influencer` - Influencer
                * `user` - User
                * `champion` - Champion
                * `blocker` - Blocker
                * `other` - Other
            influence (int | Unset): 1 (little) to 5 (decisive)
            sentiment (SentimentEnum | Unset): * `supportive` - Supportive
                * `neutral` - Neutral
                * `opposed` - Opposed
            reports_to (int | None | Unset):
     """

    id: int
    account: int
    name: str
    title: str | Unset = UNSET
    email: str | Unset = UNSET
    phone: str | Unset = UNSET
    buying_role: BuyingRoleEnum | Unset = UNSET
    influence: int | Unset = UNSET
    sentiment: SentimentEnum | Unset = UNSET
    reports_to: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        account = self.account

        name = self.name

        title = self.title

        email: str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone = self.phone

        buying_role: str | Unset = UNSET
        if not isinstance(self.buying_role, Unset):
            buying_role = self.buying_role.value


        influence = self.influence

        sentiment: str | Unset = UNSET
        if not isinstance(self.sentiment, Unset):
            sentiment = self.sentiment.value


        reports_to: int | None | Unset
        if isinstance(self.reports_to, Unset):
            reports_to = UNSET
        else:
            reports_to = self.reports_to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "account": account,
            "name": name,
        })
        if title is not UNSET:
            field_dict["title"] = title
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if buying_role is not UNSET:
            field_dict["buying_role"] = buying_role
        if influence is not UNSET:
            field_dict["influence"] = influence
        if sentiment is not UNSET:
            field_dict["sentiment"] = sentiment
        if reports_to is not UNSET:
            field_dict["reports_to"] = reports_to

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        account = d.pop("account")

        name = d.pop("name")

        title = d.pop("title", UNSET)

        def _parse_email(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))


        phone = d.pop("phone", UNSET)

        _buying_role = d.pop("buying_role", UNSET)
        buying_role: BuyingRoleEnum | Unset
        if isinstance(_buying_role,  Unset):
            buying_role = UNSET
        else:
            buying_role = BuyingRoleEnum(_buying_role)




        influence = d.pop("influence", UNSET)

        _sentiment = d.pop("sentiment", UNSET)
        sentiment: SentimentEnum | Unset
        if isinstance(_sentiment,  Unset):
            sentiment = UNSET
        else:
            sentiment = SentimentEnum(_sentiment)




        def _parse_reports_to(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        reports_to = _parse_reports_to(d.pop("reports_to", UNSET))


        contact = cls(
            id=id,
            account=account,
            name=name,
            title=title,
            email=email,
            phone=phone,
            buying_role=buying_role,
            influence=influence,
            sentiment=sentiment,
            reports_to=reports_to,
        )


        contact.additional_properties = d
        return contact

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
