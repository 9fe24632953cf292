from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.contract_status_enum import ContractStatusEnum
from ..models.decision_enum import DecisionEnum
from ..models.department_code_enum import DepartmentCodeEnum
from typing import cast
import datetime






T = TypeVar("T", bound="ContractReview")



@_attrs_define
class ContractReview:
    """ 
        Attributes:
            id (int):
            contract (int):
            contract_number (str):
            contract_title (str):
            contract_status (ContractStatusEnum): * `draft` - Draft
                * `negotiating` - Negotiating
                * `in_review` - In review
                * `approved` - Approved
                * `signed` - Signed
                * `expired` - Expired
                * `terminated` - Terminated
            account_name (str):
            account_tier (str):
            value (str):
            currency (str):
            version (int):
            version_no (int):
            department (DepartmentCodeEnum):
            decision (DecisionEnum): * `pending` - Pending
                * `approved` - Approved
                * `changes_requested` - Changes requested
                * `rejected` - Rejected
            comments (str):
            reviewer (int | None):
            reviewer_name (None | str):
            requested_by (int):
            requested_by_name (str):
            requested_at (datetime.datetime):
            decided_at (datetime.datetime | None):
            superseded_at (datetime.datetime | None):
            is_open (bool): Pending and in the contract's current round: decide it.
     """

    id: int
    contract: int
    contract_number: str
    contract_title: str
    contract_status: ContractStatusEnum
    account_name: str
    account_tier: str
    value: str
    currency: str
    version: int
    version_no: int
    department: DepartmentCodeEnum
    decision: DecisionEnum
    comments: str
    reviewer: int | None
    reviewer_name: None | str
    requested_by: int
    requested_by_name: str
    requested_at: datetime.datetime
    decided_at: datetime.datetime | None
    superseded_at: datetime.datetime | None
    is_open: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        contract = self.contract

        contract_number = self.contract_number

        contract_title = self.contract_title

        contract_status = self.contract_status.value

        account_name = self.account_name

        account_tier = self.account_tier

        value = self.value

        currency = self.currency

        version = self.version

        version_no = self.version_no

        department = self.department.value

        decision = self.decision.value

        comments = self.comments

        reviewer: int | None
        reviewer = self.reviewer

        reviewer_name: None | str
        reviewer_name = self.reviewer_name

        requested_by = self.requested_by

        requested_by_name = self.requested_by_name

        requested_at = self.requested_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        superseded_at: None | str
        if isinstance(self.superseded_at, datetime.datetime):
            superseded_at = self.superseded_at.isoformat()
        else:
            superseded_at = self.superseded_at

        is_open = self.is_open


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "contract": contract,
            "contract_number": contract_number,
            "contract_title": contract_title,
            "contract_status": contract_status,
            "account_name": account_name,
            "account_tier": account_tier,
            "value": value,
            "currency": currency,
            "version": version,
            "version_no": version_no,
            "department": department,
            "decision": decision,
            "comments": comments,
            "reviewer": reviewer,
            "reviewer_name": reviewer_name,
            "requested_by": requested_by,
            "requested_by_name": requested_by_name,
            "requested_at": requested_at,
            "decided_at": decided_at,
            "superseded_at": superseded_at,
            "is_open": is_open,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        contract = d.pop("contract")

        contract_number = d.pop("contract_number")

        contract_title = d.pop("contract_title")

        contract_status = ContractStatusEnum(d.pop("contract_status"))




        account_name = d.pop("account_name")

        account_tier = d.pop("account_tier")

        value = d.pop("value")

        currency = d.pop("currency")

        version = d.pop("version")

        version_no = d.pop("version_no")

        department = DepartmentCodeEnum(d.pop("department"))




        decision = DecisionEnum(d.pop("decision"))




        comments = d.pop("comments")

        def _parse_reviewer(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        reviewer = _parse_reviewer(d.pop("reviewer"))


        def _parse_reviewer_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reviewer_name = _parse_reviewer_name(d.pop("reviewer_name"))


        requested_by = d.pop("requested_by")

        requested_by_name = d.pop("requested_by_name")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))




        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)



                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))


        def _parse_superseded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                superseded_at_type_0 = datetime.datetime.fromisoformat(data)



                return superseded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        superseded_at = _parse_superseded_at(d.pop("superseded_at"))


        is_open = d.pop("is_open")

        contract_review = cls(
            id=id,
            contract=contract,
            contract_number=contract_number,
            contract_title=contract_title,
            contract_status=contract_status,
            account_name=account_name,
            account_tier=account_tier,
            value=value,
            currency=currency,
            version=version,
            version_no=version_no,
            department=department,
            decision=decision,
            comments=comments,
            reviewer=reviewer,
            reviewer_name=reviewer_name,
            requested_by=requested_by,
            requested_by_name=requested_by_name,
            requested_at=requested_at,
            decided_at=decided_at,
            superseded_at=superseded_at,
            is_open=is_open,
        )


        contract_review.additional_properties = d
        return contract_review

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
