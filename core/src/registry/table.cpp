// THE schema registry. Every field name of every model is listed here and nowhere else.
#include "artifacts/registry.hpp"

#include <array>

namespace artifacts {
namespace {

using enum Kind;
constexpr SectionTier kCore = SectionTier::core;
constexpr SectionTier kBusiness = SectionTier::business;
constexpr SectionTier kStrategic = SectionTier::strategic;

// ---- value types --------------------------------------------------------------------------

constexpr std::array<std::string_view, 3> kLevels = {"high", "medium", "low"};
constexpr std::array<std::string_view, 3> kGenerationStatuses = {"idle", "generating", "failed"};
constexpr std::array<std::string_view, 5> kArtifactTypeIds = {"brief", "mvp_scope", "milestones",
                                                              "risk_log", "how_it_works"};

constexpr TypeSpec kString{.kind = string};
constexpr TypeSpec kInteger{.kind = integer};
constexpr TypeSpec kPositiveInteger{.kind = integer, .ge = 1};
constexpr TypeSpec kBoolean{.kind = boolean};
constexpr TypeSpec kLevel{.kind = literal, .choices = kLevels};
constexpr TypeSpec kArtifactTypeEnum{
    .kind = enumeration, .choices = kArtifactTypeIds, .refers = Refers::artifact_type};
constexpr TypeSpec kUuid{.kind = uuid};
constexpr TypeSpec kDatetime{.kind = datetime};
constexpr TypeSpec kStringList{.kind = list, .item = &kString};
constexpr TypeSpec kContent{.kind = object, .refers = Refers::artifact_content};
constexpr TypeSpec kSectionId{.kind = string, .refers = Refers::section_id};
constexpr TypeSpec kSectionIdList{.kind = list, .item = &kSectionId};

// The version stamp every content document carries (absent = legacy version 0).
constexpr FieldSpec kSchemaVersionField{
    kSchemaVersionKey,
    &kInteger,
    false,
    false,
    kCore,
    "Which version of this document's schema we wrote it with; absent means legacy version 0.",
    "1"};

// ---- item models --------------------------------------------------------------------------

constexpr std::array kFeatureItemFields = {
    FieldSpec{"name", &kString, true, false, kCore, "What do we call this feature?"},
    FieldSpec{"description", &kString, true, false, kCore,
              "What does this feature do for our users?"},
    FieldSpec{"priority", &kLevel, true, false, kCore,
              "How important is this feature to our MVP: high, medium or low?"},
};
constexpr ModelSpec kFeatureItem{"feature_item",     "FeatureItem",
                                 "Feature",          "A feature we will build in the MVP.",
                                 kFeatureItemFields, "name"};

constexpr std::array kMilestoneFields = {
    FieldSpec{"title", &kString, true, false, kCore, "What do we call this milestone?"},
    FieldSpec{"description", &kString, true, false, kCore,
              "What will we have delivered when we reach this milestone?"},
    FieldSpec{"success_criteria", &kStringList, true, false, kCore,
              "How will we know we have reached this milestone?"},
    FieldSpec{"estimated_weeks", &kPositiveInteger, true, false, kCore,
              "How many weeks do we expect this milestone to take (at least one)?"},
};
constexpr ModelSpec kMilestone{
    "milestone",      "Milestone",
    "Milestone",      "A step on our timeline with measurable success criteria.",
    kMilestoneFields, "title"};

constexpr std::array kRiskItemFields = {
    FieldSpec{"title", &kString, true, false, kCore, "What do we call this risk?"},
    FieldSpec{"description", &kString, true, false, kCore,
              "What could go wrong, and how would it hurt us?"},
    FieldSpec{"severity", &kLevel, true, false, kCore,
              "How badly would this risk hurt us: high, medium or low?"},
    FieldSpec{"mitigation", &kString, true, false, kCore, "What will we do to reduce this risk?"},
};
constexpr ModelSpec kRiskItem{"risk_item",     "RiskItem",
                              "Risk",          "A risk we face and how we plan to reduce it.",
                              kRiskItemFields, "title"};

constexpr std::array kJourneyStepFields = {
    FieldSpec{"step_number", &kInteger, true, false, kCore,
              "Where does this step come in our user's journey?"},
    FieldSpec{"title", &kString, true, false, kCore, "What do we call this step?"},
    FieldSpec{"description", &kString, true, false, kCore,
              "What does our user do and see at this step?"},
};
constexpr ModelSpec kJourneyStep{
    "journey_step",     "JourneyStep",
    "Journey step",     "One step of our user's journey through the product.",
    kJourneyStepFields, "step_number"};

// A model as a value, and a list of it.
constexpr TypeSpec kFeatureItemType{.kind = model, .model = &kFeatureItem};
constexpr TypeSpec kMilestoneType{.kind = model, .model = &kMilestone};
constexpr TypeSpec kRiskItemType{.kind = model, .model = &kRiskItem};
constexpr TypeSpec kJourneyStepType{.kind = model, .model = &kJourneyStep};
constexpr TypeSpec kFeatureList{.kind = list, .item = &kFeatureItemType};
constexpr TypeSpec kMilestoneList{.kind = list, .item = &kMilestoneType};
constexpr TypeSpec kRiskList{.kind = list, .item = &kRiskItemType};
constexpr TypeSpec kJourneyList{.kind = list, .item = &kJourneyStepType};

// ---- the five artifacts -------------------------------------------------------------------
// Core sections are required; business (Partner+) and strategic (CTO Scale) sections are
// optional: absent or null means "not generated".

constexpr std::array kBriefFields = {
    kSchemaVersionField,
    FieldSpec{"problem_statement", &kString, true, false, kCore,
              "What core problem are we solving?"},
    FieldSpec{"target_user", &kString, true, false, kCore, "Who exactly are we building this for?"},
    FieldSpec{"value_proposition", &kString, true, false, kCore,
              "Why will our users choose us over what they do today?"},
    FieldSpec{"key_constraint", &kString, true, false, kCore,
              "What is the one constraint we must design around?"},
    FieldSpec{"differentiation_points", &kStringList, true, false, kCore,
              "What sets us apart from the alternatives?"},
    FieldSpec{"market_analysis", &kString, false, true, kBusiness,
              "How big is our market, and how is it moving?", "null"},
    FieldSpec{"competitive_strategy", &kString, false, true, kStrategic,
              "How will we win against competitors over time?", "null"},
};

constexpr std::array kMvpScopeFields = {
    kSchemaVersionField,
    FieldSpec{"core_features", &kFeatureList, true, false, kCore,
              "Which features will we build first?"},
    FieldSpec{"out_of_scope", &kStringList, true, false, kCore,
              "What are we deliberately not building yet?"},
    FieldSpec{"success_metrics", &kStringList, true, false, kCore,
              "How will we measure whether our MVP works?"},
    FieldSpec{"technical_architecture", &kString, false, true, kBusiness,
              "How will we build the MVP technically?", "null"},
    FieldSpec{"scalability_plan", &kString, false, true, kStrategic,
              "How will we scale once the MVP proves itself?", "null"},
};

constexpr std::array kMilestonesFields = {
    kSchemaVersionField,
    FieldSpec{"milestones", &kMilestoneList, true, false, kCore,
              "Which milestones will we reach, in order?"},
    FieldSpec{"critical_path", &kStringList, true, false, kCore,
              "Which steps can we not afford to let slip?"},
    FieldSpec{"total_duration_weeks", &kInteger, true, false, kCore,
              "How many weeks will the whole plan take us?"},
    FieldSpec{"resource_plan", &kString, false, true, kBusiness,
              "Who and what do we need, and when?", "null"},
    FieldSpec{"risk_mitigation_timeline", &kString, false, true, kStrategic,
              "When will we tackle each major risk along the way?", "null"},
};

constexpr std::array kRiskLogFields = {
    kSchemaVersionField,
    FieldSpec{"technical_risks", &kRiskList, true, false, kCore,
              "What could go wrong in how we build it?"},
    FieldSpec{"market_risks", &kRiskList, true, false, kCore,
              "What could go wrong with our market and users?"},
    FieldSpec{"execution_risks", &kRiskList, true, false, kCore,
              "What could go wrong in how we execute?"},
    FieldSpec{"financial_risks", &kRiskList, false, true, kBusiness,
              "What could go wrong with our money?", "null"},
    FieldSpec{"strategic_risks", &kRiskList, false, true, kStrategic,
              "What could undermine our long-term position?", "null"},
};

constexpr std::array kHowItWorksFields = {
    kSchemaVersionField,
    FieldSpec{"user_journey", &kJourneyList, true, false, kCore,
              "What steps does our user take through the product?"},
    FieldSpec{"architecture", &kString, true, false, kCore,
              "How are the pieces of our product put together?"},
    FieldSpec{"data_flow", &kString, true, false, kCore, "How does data move through our system?"},
    FieldSpec{"integration_points", &kString, false, true, kBusiness,
              "Which outside systems will we connect to?", "null"},
    FieldSpec{"security_compliance", &kString, false, true, kStrategic,
              "How will we keep our users' data safe and meet our obligations?", "null"},
};

constexpr ModelSpec kBrief{
    kArtifactTypeIds[0],   "ProductBriefContent",
    "Product Brief",       "The problem we solve, for whom, and why we will win.",
    kBriefFields,          {},
    CascadeRule::fail_rest};
constexpr ModelSpec kMvpScope{
    kArtifactTypeIds[1],   "MvpScopeContent",
    "MVP Scope",           "What we build first, what we leave out, and how we measure it.",
    kMvpScopeFields,       {},
    CascadeRule::skip_rest};
constexpr ModelSpec kMilestones{kArtifactTypeIds[2], "MilestonesContent", "Milestones & Timeline",
                                "The milestones we will reach and how long they will take.",
                                kMilestonesFields};
constexpr ModelSpec kRiskLog{kArtifactTypeIds[3], "RiskLogContent", "Risk Log",
                             "The risks we face and what we will do about them.", kRiskLogFields};
constexpr ModelSpec kHowItWorks{kArtifactTypeIds[4], "HowItWorksContent", "How It Works",
                                "How our product works, from the user's journey to our data.",
                                kHowItWorksFields};

// ---- the original plan's API records ------------------------------------------------------

constexpr std::array kAnnotationFields = {
    FieldSpec{"section_id", &kSectionId, true, false, kCore, "Which section is our note about?"},
    FieldSpec{"note", &kString, true, false, kCore, "What did we want to remember here?"},
    FieldSpec{"created_at", &kDatetime, true, false, kCore, "When did we write this note?"},
};
constexpr ModelSpec kAnnotation{"artifact_annotation", "ArtifactAnnotation", "Annotation",
                                "A note we attached to one section of an artifact.",
                                kAnnotationFields};
constexpr TypeSpec kAnnotationType{.kind = model, .model = &kAnnotation};
constexpr TypeSpec kAnnotationList{.kind = list, .item = &kAnnotationType};
constexpr TypeSpec kGenerationStatus{.kind = literal, .choices = kGenerationStatuses};

constexpr std::array kResponseFields = {
    FieldSpec{"id", &kUuid, true, false, kCore, "How do we identify this artifact record?"},
    FieldSpec{"project_id", &kUuid, true, false, kCore,
              "Which of our projects does this artifact belong to?"},
    FieldSpec{"artifact_type", &kArtifactTypeEnum, true, false, kCore,
              "Which of our five plan documents is this?"},
    FieldSpec{"version_number", &kInteger, true, false, kCore,
              "How many times have we generated this artifact (1 on first generation)?"},
    // Null while the first generation runs; the backend's column is nullable too.
    FieldSpec{"current_content", &kContent, true, true, kCore,
              "What does this artifact say now, including our edits?"},
    FieldSpec{"previous_content", &kContent, false, true, kCore,
              "What did we have before the last generation (null for version 1)?", "null"},
    FieldSpec{"has_user_edits", &kBoolean, true, false, kCore,
              "Have we edited any section by hand?"},
    FieldSpec{"edited_sections", &kSectionIdList, false, true, kCore,
              "Which sections have we edited by hand?", "null"},
    FieldSpec{"annotations", &kAnnotationList, false, true, kCore,
              "Which notes have we attached to sections?", "null"},
    FieldSpec{"generation_status", &kGenerationStatus, true, false, kCore,
              "Are we generating it right now (idle, generating or failed)?"},
    FieldSpec{"schema_version", &kInteger, true, false, kCore,
              "Which content schema version do we store this artifact in?"},
    FieldSpec{"created_at", &kDatetime, true, false, kCore, "When did we first create it?"},
    FieldSpec{"updated_at", &kDatetime, true, false, kCore, "When did we last change it?"},
};
constexpr ModelSpec kResponse{"artifact_response", "ArtifactResponse", "Artifact",
                              "One artifact record as the API returns it.", kResponseFields};

// ---- the stored record: ArtifactResponse plus what offline generation and merging need --------

constexpr std::array kLeaseFields = {
    FieldSpec{"owner", &kString, true, false, kCore, "Which of our generators holds this lease?"},
    FieldSpec{"started_at", &kDatetime, true, false, kCore, "When did we start this generation?"},
    FieldSpec{"expires_at", &kDatetime, true, false, kCore,
              "When may another of our generators take it over?"},
};
constexpr ModelSpec kLease{"generation_lease", "GenerationLease", "Generation lease",
                           "Who is generating an artifact, and until when.", kLeaseFields};
constexpr TypeSpec kLeaseType{.kind = model, .model = &kLease};

constexpr std::array kRecordExtensionFields = {
    FieldSpec{"base_content", &kContent, false, true, kCore,
              "Which generated content do our edits apply to (the merge base)?", "null"},
    FieldSpec{"generation_lease", &kLeaseType, false, true, kCore,
              "Which of our generators is generating it now, and until when?", "null"},
    FieldSpec{"generation_error", &kString, false, true, kCore, "Why did our last generation fail?",
              "null"},
    // The backend's copy as last acknowledged: the base a sync conflict is merged from.
    FieldSpec{"synced_content", &kContent, false, true, kCore,
              "What did the backend hold for it when we last synced (the base of our unsynced "
              "edits)?",
              "null"},
    FieldSpec{"synced_etag", &kString, false, true, kCore,
              "Which backend version did we last sync (its ETag; null before our first sync)?",
              "null"},
};

// The two field lists end to end, at compile time: the stored record is the API's record plus
// the extensions, listed once each.
template <typename T, std::size_t N, std::size_t M>
constexpr std::array<T, N + M> joined(const std::array<T, N>& first,
                                      const std::array<T, M>& second) {
  std::array<T, N + M> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = first[i];
  for (std::size_t i = 0; i < M; ++i) out[N + i] = second[i];
  return out;
}
constexpr auto kStoredRecordFields = joined(kResponseFields, kRecordExtensionFields);
constexpr ModelSpec kStoredRecord{
    "artifact_record", "ArtifactRecord", "Stored artifact",
    "One artifact record as the package stores it: the API's record plus the merge base, the "
    "generation lease, the last generation error and the backend's copy as last synced.",
    kStoredRecordFields};

constexpr std::array kGenerateRequestFields = {
    FieldSpec{"project_id", &kUuid, true, false, kCore, "Which project should we generate for?"},
    FieldSpec{"force", &kBoolean, false, false, kCore,
              "Should we regenerate even over our own edits?", "false"},
};
constexpr ModelSpec kGenerateRequest{
    "generate_artifacts_request", "GenerateArtifactsRequest", "Generate artifacts request",
    "Asks for all five artifacts of a project to be generated.", kGenerateRequestFields};

constexpr std::array kRegenerateRequestFields = {
    FieldSpec{"force", &kBoolean, false, false, kCore,
              "Should we regenerate even over our own edits?", "false"},
};
constexpr ModelSpec kRegenerateRequest{
    "regenerate_artifact_request", "RegenerateArtifactRequest", "Regenerate artifact request",
    "Asks for one artifact to be generated again.", kRegenerateRequestFields};

// ---- indexes ------------------------------------------------------------------------------

constexpr std::array<const ModelSpec*, 5> kGenerationOrder = {&kBrief, &kMvpScope, &kMilestones,
                                                              &kRiskLog, &kHowItWorks};
constexpr std::array<const ModelSpec*, 6> kRecordModels = {
    &kResponse, &kAnnotation, &kGenerateRequest, &kRegenerateRequest, &kLease, &kStoredRecord};
constexpr std::array<const ModelSpec*, 4> kItemModels = {&kFeatureItem, &kMilestone, &kRiskItem,
                                                         &kJourneyStep};
constexpr std::array<std::string_view, 3> kTierNames = {"bootstrapper", "partner", "cto_scale"};
constexpr std::array<std::string_view, 3> kTierTitles = {"Bootstrapper", "Partner", "CTO Scale"};

static_assert(kArtifactTypeIds.size() == kGenerationOrder.size());

}  // namespace

std::span<const ModelSpec* const> generation_order() {
  return kGenerationOrder;
}
std::span<const ModelSpec* const> record_models() {
  return kRecordModels;
}
const ModelSpec& stored_record_model() {
  return kStoredRecord;
}
std::span<const ModelSpec* const> item_models() {
  return kItemModels;
}
std::span<const std::string_view> generation_statuses() {
  return kGenerationStatuses;
}
std::string_view tier_title(Tier tier) {
  return kTierTitles[static_cast<std::size_t>(tier)];
}
std::span<const std::string_view> tier_names() {
  return kTierNames;
}
std::span<const std::string_view> artifact_type_ids() {
  return kArtifactTypeIds;
}

}  // namespace artifacts
