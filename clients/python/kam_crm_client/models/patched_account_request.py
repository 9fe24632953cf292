from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.account_status_enum import AccountStatusEnum
from ..models.tier_enum import TierEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PatchedAccountRequest")



@_attrs_define
class PatchedAccountRequest:
    """ 
        Attributes:
            code (None | str | Unset): Your customer number, e.g. from the ERP; imports update accounts by it.
            name (str | Unset):
            industry (str | Unset):
            tier (TierEnum | Unset): * `strategic` - Strategic
                * `key` - Key
                * `growth` - Growth
            owner (int | Unset): Defaults to you; managers may pick a rep of their teams.
            status (AccountStatusEnum | Unset): * `prospect` - Prospect
                * `active` - Active
                * `churned` - Churned
            customer_since (datetime.date | None | Unset):
            region (str | Unset):
            annual_potential (str | Unset):
            confirm_duplicate (bool | Unset): A new account whose name matches an existing company answers 409 naming it;
                send true to create it anyway. Default: False.
     """

    code: None | str | Unset = UNSET
    name: str | Unset = UNSET
    industry: str | Unset = UNSET
    tier: TierEnum | Unset = UNSET
    owner: int | Unset = UNSET
    status: AccountStatusEnum | Unset = UNSET
    customer_since: datetime.date | None | Unset = UNSET
    region: str | Unset = UNSET
    annual_potential: str | Unset = UNSET
    confirm_duplicate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        name = self.name

        industry = self.industry

        tier: str | Unset = UNSET
        if not isinstance(self.tier, Unset):
            tier = self.tier.value


        owner = self.owner

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value


        customer_since: None | str | Unset
        if isinstance(self.customer_since, Unset):
            customer_since = UNSET
        elif isinstance(self.customer_since, datetime.date):
            customer_since = self.customer_since.isoformat()
        else:
            customer_since = self.customer_since

        region = self.region

        annual_potential = self.annual_potential

        confirm_duplicate = self.confirm_duplicate


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if code is not UNSET:
            field_dict["code"] = code
        if name is not UNSET:
            field_dict["name"] = name
        if industry is not UNSET:
            field_dict["industry"] = industry
        if tier is not UNSET:
            field_dict["tier"] = tier
        if owner is not UNSET:
            field_dict["owner"] = owner
        if status is not UNSET:
            field_dict["status"] = status
        if customer_since is not UNSET:
            field_dict["customer_since"] = customer_since
        if region is not UNSET:
            field_dict["region"] = region
        if annual_potential is not UNSET:
            field_dict["annual_potential"] = annual_potential
        if confirm_duplicate is not UNSET:
            field_dict["confirm_duplicate"] = confirm_duplicate

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))


        name = d.pop("name", UNSET)

        industry = d.pop("industry", UNSET)

        _tier = d.pop("tier", UNSET)
        tier: TierEnum | Unset
        if isinstance(_tier,  Unset):
            tier = UNSET
        else:
            tier = TierEnum(_tier)




        owner = d.pop("owner", UNSET)

        _status = d.pop("status", UNSET)
        status: AccountStatusEnum | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = AccountStatusEnum(_status)




        def _parse_customer_since(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                customer_since_type_0 = datetime.date.fromisoformat(data)



                return customer_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        customer_since = _parse_customer_since(d.pop("customer_since", UNSET))


        region = d.pop("region", UNSET)

        annual_potential = d.pop("annual_potential", UNSET)

        confirm_duplicate = d.pop("confirm_duplicate", UNSET)

        patched_account_request = cls(
            code=code,
            name=name,
            industry=industry,
            tier=tier,
            owner=owner,
            status=status,
            customer_since=customer_since,
            region=region,
            annual_potential=annual_potential,
            confirm_duplicate=confirm_duplicate,
        )


        patched_account_request.additional_properties = d
        return patched_account_request

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
