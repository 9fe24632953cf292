""" Contains all the data models used in inputs/outputs """

from .account import Account
from .account_churn_request import AccountChurnRequest
from .account_ref import AccountRef
from .account_request import AccountRequest
from .account_status_enum import AccountStatusEnum
from .accounts_list_status_item import AccountsListStatusItem
from .accounts_list_tier_item import AccountsListTierItem
from .action_enum import ActionEnum
from .assign_request import AssignRequest
from .attainment import Attainment
from .attainment_line import AttainmentLine
from .attendance import Attendance
from .attendance_entry_request import AttendanceEntryRequest
from .attendance_record_request import AttendanceRecordRequest
from .blank_enum import BlankEnum
from .buying_role_enum import BuyingRoleEnum
from .category_enum import CategoryEnum
from .clock_stopped_enum import ClockStoppedEnum
from .comment_request import CommentRequest
from .competitor import Competitor
from .competitor_activities_list_kind_item import CompetitorActivitiesListKindItem
from .competitor_activity import CompetitorActivity
from .competitor_activity_kind_enum import CompetitorActivityKindEnum
from .competitor_activity_request import CompetitorActivityRequest
from .competitor_request import CompetitorRequest
from .contact import Contact
from .contact_request import ContactRequest
from .contacts_list_buying_role_item import ContactsListBuyingRoleItem
from .contacts_list_sentiment_item import ContactsListSentimentItem
from .contract import Contract
from .contract_conflict import ContractConflict
from .contract_renew_request import ContractRenewRequest
from .contract_request import ContractRequest
from .contract_review import ContractReview
from .contract_reviews_list_decision_item import ContractReviewsListDecisionItem
from .contract_reviews_list_department import ContractReviewsListDepartment
from .contract_status_enum import ContractStatusEnum
from .contract_transition_request import ContractTransitionRequest
from .contract_version import ContractVersion
from .contract_version_request import ContractVersionRequest
from .contracts_list_currency import ContractsListCurrency
from .contracts_list_review import ContractsListReview
from .contracts_list_status_item import ContractsListStatusItem
from .currency_enum import CurrencyEnum
from .decide_decision_enum import DecideDecisionEnum
from .decide_request import DecideRequest
from .decision_enum import DecisionEnum
from .department_code_enum import DepartmentCodeEnum
from .direction_enum import DirectionEnum
from .duplicate_account import DuplicateAccount
from .duplicate_account_match import DuplicateAccountMatch
from .error import Error
from .feedback_request import FeedbackRequest
from .feedback_result import FeedbackResult
from .file_type_enum import FileTypeEnum
from .import_batch_status import ImportBatchStatus
from .import_batch_status_status_enum import ImportBatchStatusStatusEnum
from .import_change import ImportChange
from .import_errors import ImportErrors
from .import_field_change import ImportFieldChange
from .import_message import ImportMessage
from .import_outcome import ImportOutcome
from .import_upload_request import ImportUploadRequest
from .imports_create_name import ImportsCreateName
from .invite_request import InviteRequest
from .link import Link
from .links_request_request import LinksRequestRequest
from .market_report import MarketReport
from .market_report_list import MarketReportList
from .market_report_request import MarketReportRequest
from .market_reports_list_status_item import MarketReportsListStatusItem
from .metric_enum import MetricEnum
from .negotiation_record import NegotiationRecord
from .negotiation_record_request import NegotiationRecordRequest
from .nested_plan_action import NestedPlanAction
from .opportunities_list_stage_item import OpportunitiesListStageItem
from .opportunity import Opportunity
from .opportunity_detail import OpportunityDetail
from .opportunity_detail_request import OpportunityDetailRequest
from .order import Order
from .order_conflict import OrderConflict
from .order_request import OrderRequest
from .order_status_enum import OrderStatusEnum
from .orders_list_status_item import OrdersListStatusItem
from .paginated_account_list import PaginatedAccountList
from .paginated_competitor_activity_list import PaginatedCompetitorActivityList
from .paginated_competitor_list import PaginatedCompetitorList
from .paginated_contact_list import PaginatedContactList
from .paginated_contract_list import PaginatedContractList
from .paginated_contract_review_list import PaginatedContractReviewList
from .paginated_contract_version_list import PaginatedContractVersionList
from .paginated_market_report_list_list import PaginatedMarketReportListList
from .paginated_negotiation_record_list import PaginatedNegotiationRecordList
from .paginated_opportunity_list import PaginatedOpportunityList
from .paginated_order_list import PaginatedOrderList
from .paginated_plan_action_list import PaginatedPlanActionList
from .paginated_product_suggestion_list import PaginatedProductSuggestionList
from .paginated_relationship_plan_list import PaginatedRelationshipPlanList
from .paginated_sales_plan_list import PaginatedSalesPlanList
from .paginated_scorecard_list import PaginatedScorecardList
from .paginated_survey_response_list import PaginatedSurveyResponseList
from .paginated_ticket_event_list import PaginatedTicketEventList
from .paginated_ticket_list import PaginatedTicketList
from .paginated_training_feedback_list import PaginatedTrainingFeedbackList
from .paginated_training_session_list import PaginatedTrainingSessionList
from .paginated_visit_list import PaginatedVisitList
from .patched_account_request import PatchedAccountRequest
from .patched_competitor_activity_request import PatchedCompetitorActivityRequest
from .patched_competitor_request import PatchedCompetitorRequest
from .patched_contact_request import PatchedContactRequest
from .patched_contract_request import PatchedContractRequest
from .patched_market_report_request import PatchedMarketReportRequest
from .patched_opportunity_detail_request import PatchedOpportunityDetailRequest
from .patched_order_request import PatchedOrderRequest
from .patched_plan_action_request import PatchedPlanActionRequest
from .patched_product_suggestion_request import PatchedProductSuggestionRequest
from .patched_relationship_plan_request import PatchedRelationshipPlanRequest
from .patched_sales_plan_detail_request import PatchedSalesPlanDetailRequest
from .patched_survey_response_request import PatchedSurveyResponseRequest
from .patched_ticket_request import PatchedTicketRequest
from .patched_training_session_request import PatchedTrainingSessionRequest
from .patched_visit_request import PatchedVisitRequest
from .plan_action import PlanAction
from .plan_action_request import PlanActionRequest
from .plan_approve_request import PlanApproveRequest
from .plan_reject_request import PlanRejectRequest
from .plan_target import PlanTarget
from .plan_target_request import PlanTargetRequest
from .priority_enum import PriorityEnum
from .product_suggestion import ProductSuggestion
from .product_suggestion_request import ProductSuggestionRequest
from .relationship_plan import RelationshipPlan
from .relationship_plan_request import RelationshipPlanRequest
from .relationship_plan_status_enum import RelationshipPlanStatusEnum
from .relationship_plans_list_status_item import RelationshipPlansListStatusItem
from .report_status_enum import ReportStatusEnum
from .review_decision_decision_enum import ReviewDecisionDecisionEnum
from .review_decision_request import ReviewDecisionRequest
from .review_state_enum import ReviewStateEnum
from .sales_plan import SalesPlan
from .sales_plan_detail import SalesPlanDetail
from .sales_plan_detail_request import SalesPlanDetailRequest
from .sales_plan_status_enum import SalesPlanStatusEnum
from .sales_plans_list_status_item import SalesPlansListStatusItem
from .scope_enum import ScopeEnum
from .score_enum import ScoreEnum
from .scorecard import Scorecard
from .scorecard_metric import ScorecardMetric
from .scorecards_list_missing import ScorecardsListMissing
from .scorecards_list_scope import ScorecardsListScope
from .sentiment_enum import SentimentEnum
from .session_status_enum import SessionStatusEnum
from .sla_state_enum import SlaStateEnum
from .source_enum import SourceEnum
from .stage_change import StageChange
from .stage_enum import StageEnum
from .submit_for_review_request import SubmitForReviewRequest
from .suggestion_status_enum import SuggestionStatusEnum
from .suggestions_list_status_item import SuggestionsListStatusItem
from .survey_response import SurveyResponse
from .survey_response_request import SurveyResponseRequest
from .surveys_list_source_item import SurveysListSourceItem
from .ticket import Ticket
from .ticket_conflict import TicketConflict
from .ticket_event import TicketEvent
from .ticket_event_kind_enum import TicketEventKindEnum
from .ticket_request import TicketRequest
from .ticket_status_enum import TicketStatusEnum
from .tickets_list_category_item import TicketsListCategoryItem
from .tickets_list_department import TicketsListDepartment
from .tickets_list_priority_item import TicketsListPriorityItem
from .tickets_list_sla_item import TicketsListSlaItem
from .tickets_list_status_item import TicketsListStatusItem
from .tier_enum import TierEnum
from .token import Token
from .token_credentials_request import TokenCredentialsRequest
from .training_conflict import TrainingConflict
from .training_feedback import TrainingFeedback
from .training_feedback_request import TrainingFeedbackRequest
from .training_material import TrainingMaterial
from .training_material_request import TrainingMaterialRequest
from .training_session import TrainingSession
from .training_session_kind_enum import TrainingSessionKindEnum
from .training_session_request import TrainingSessionRequest
from .training_transition_request import TrainingTransitionRequest
from .trainings_feedback_links_create_kind_item import TrainingsFeedbackLinksCreateKindItem
from .trainings_feedback_links_create_status_item import TrainingsFeedbackLinksCreateStatusItem
from .trainings_feedback_links_create_support_department import TrainingsFeedbackLinksCreateSupportDepartment
from .trainings_feedback_links_create_when import TrainingsFeedbackLinksCreateWhen
from .trainings_invite_create_kind_item import TrainingsInviteCreateKindItem
from .trainings_invite_create_status_item import TrainingsInviteCreateStatusItem
from .trainings_invite_create_support_department import TrainingsInviteCreateSupportDepartment
from .trainings_invite_create_when import TrainingsInviteCreateWhen
from .trainings_list_kind_item import TrainingsListKindItem
from .trainings_list_status_item import TrainingsListStatusItem
from .trainings_list_support_department import TrainingsListSupportDepartment
from .trainings_list_when import TrainingsListWhen
from .transition_request import TransitionRequest
from .validation_error import ValidationError
from .version_brief import VersionBrief
from .visit import Visit
from .visit_kind_enum import VisitKindEnum
from .visit_request import VisitRequest
from .visits_list_kind_item import VisitsListKindItem

__all__ = (
    "Account",
    "AccountChurnRequest",
    "AccountRef",
    "AccountRequest",
    "AccountsListStatusItem",
    "AccountsListTierItem",
    "AccountStatusEnum",
    "ActionEnum",
    "AssignRequest",
    "Attainment",
    "AttainmentLine",
    "Attendance",
    "AttendanceEntryRequest",
    "AttendanceRecordRequest",
    "BlankEnum",
    "BuyingRoleEnum",
    "CategoryEnum",
    "ClockStoppedEnum",
    "CommentRequest",
    "Competitor",
    "CompetitorActivitiesListKindItem",
    "CompetitorActivity",
    "CompetitorActivityKindEnum",
    "CompetitorActivityRequest",
    "CompetitorRequest",
    "Contact",
    "ContactRequest",
    "ContactsListBuyingRoleItem",
    "ContactsListSentimentItem",
    "Contract",
    "ContractConflict",
    "ContractRenewRequest",
    "ContractRequest",
    "ContractReview",
    "ContractReviewsListDecisionItem",
    "ContractReviewsListDepartment",
    "ContractsListCurrency",
    "ContractsListReview",
    "ContractsListStatusItem",
    "ContractStatusEnum",
    "ContractTransitionRequest",
    "ContractVersion",
    "ContractVersionRequest",
    "CurrencyEnum",
    "DecideDecisionEnum",
    "DecideRequest",
    "DecisionEnum",
    "DepartmentCodeEnum",
    "DirectionEnum",
    "DuplicateAccount",
    "DuplicateAccountMatch",
    "Error",
    "FeedbackRequest",
    "FeedbackResult",
    "FileTypeEnum",
    "ImportBatchStatus",
    "ImportBatchStatusStatusEnum",
    "ImportChange",
    "ImportErrors",
    "ImportFieldChange",
    "ImportMessage",
    "ImportOutcome",
    "ImportsCreateName",
    "ImportUploadRequest",
    "InviteRequest",
    "Link",
    "LinksRequestRequest",
    "MarketReport",
    "MarketReportList",
    "MarketReportRequest",
    "MarketReportsListStatusItem",
    "MetricEnum",
    "NegotiationRecord",
    "NegotiationRecordRequest",
    "NestedPlanAction",
    "OpportunitiesListStageItem",
    "Opportunity",
    "OpportunityDetail",
    "OpportunityDetailRequest",
    "Order",
    "OrderConflict",
    "OrderRequest",
    "OrdersListStatusItem",
    "OrderStatusEnum",
    "PaginatedAccountList",
    "PaginatedCompetitorActivityList",
    "PaginatedCompetitorList",
    "PaginatedContactList",
    "PaginatedContractList",
    "PaginatedContractReviewList",
    "PaginatedContractVersionList",
    "PaginatedMarketReportListList",
    "PaginatedNegotiationRecordList",
    "PaginatedOpportunityList",
    "PaginatedOrderList",
    "PaginatedPlanActionList",
    "PaginatedProductSuggestionList",
    "PaginatedRelationshipPlanList",
    "PaginatedSalesPlanList",
    "PaginatedScorecardList",
    "PaginatedSurveyResponseList",
    "PaginatedTicketEventList",
    "PaginatedTicketList",
    "PaginatedTrainingFeedbackList",
    "PaginatedTrainingSessionList",
    "PaginatedVisitList",
    "PatchedAccountRequest",
    "PatchedCompetitorActivityRequest",
    "PatchedCompetitorRequest",
    "PatchedContactRequest",
    "PatchedContractRequest",
    "PatchedMarketReportRequest",
    "PatchedOpportunityDetailRequest",
    "PatchedOrderRequest",
    "PatchedPlanActionRequest",
    "PatchedProductSuggestionRequest",
    "PatchedRelationshipPlanRequest",
    "PatchedSalesPlanDetailRequest",
    "PatchedSurveyResponseRequest",
    "PatchedTicketRequest",
    "PatchedTrainingSessionRequest",
    "PatchedVisitRequest",
    "PlanAction",
    "PlanActionRequest",
    "PlanApproveRequest",
    "PlanRejectRequest",
    "PlanTarget",
    "PlanTargetRequest",
    "PriorityEnum",
    "ProductSuggestion",
    "ProductSuggestionRequest",
    "RelationshipPlan",
    "RelationshipPlanRequest",
    "RelationshipPlansListStatusItem",
    "RelationshipPlanStatusEnum",
    "ReportStatusEnum",
    "ReviewDecisionDecisionEnum",
    "ReviewDecisionRequest",
    "ReviewStateEnum",
    "SalesPlan",
    "SalesPlanDetail",
    "SalesPlanDetailRequest",
    "SalesPlansListStatusItem",
    "SalesPlanStatusEnum",
    "ScopeEnum",
    "Scorecard",
    "ScorecardMetric",
    "ScorecardsListMissing",
    "ScorecardsListScope",
    "ScoreEnum",
    "SentimentEnum",
    "SessionStatusEnum",
    "SlaStateEnum",
    "SourceEnum",
    "StageChange",
    "StageEnum",
    "SubmitForReviewRequest",
    "SuggestionsListStatusItem",
    "SuggestionStatusEnum",
    "SurveyResponse",
    "SurveyResponseRequest",
    "SurveysListSourceItem",
    "Ticket",
    "TicketConflict",
    "TicketEvent",
    "TicketEventKindEnum",
    "TicketRequest",
    "TicketsListCategoryItem",
    "TicketsListDepartment",
    "TicketsListPriorityItem",
    "TicketsListSlaItem",
    "TicketsListStatusItem",
    "TicketStatusEnum",
    "TierEnum",
    "Token",
    "TokenCredentialsRequest",
    "TrainingConflict",
    "TrainingFeedback",
    "TrainingFeedbackRequest",
    "TrainingMaterial",
    "TrainingMaterialRequest",
    "TrainingSession",
    "TrainingSessionKindEnum",
    "TrainingSessionRequest",
    "TrainingsFeedbackLinksCreateKindItem",
    "TrainingsFeedbackLinksCreateStatusItem",
    "TrainingsFeedbackLinksCreateSupportDepartment",
    "TrainingsFeedbackLinksCreateWhen",
    "TrainingsInviteCreateKindItem",
    "TrainingsInviteCreateStatusItem",
    "TrainingsInviteCreateSupportDepartment",
    "TrainingsInviteCreateWhen",
    "TrainingsListKindItem",
    "TrainingsListStatusItem",
    "TrainingsListSupportDepartment",
    "TrainingsListWhen",
    "TrainingTransitionRequest",
    "TransitionRequest",
    "ValidationError",
    "VersionBrief",
    "Visit",
    "VisitKindEnum",
    "VisitRequest",
    "VisitsListKindItem",
)
