//! The API's OpenAPI 3.1 document, built from the code that answers: each
//! list's path takes its page's filters (`List::filters`) and answers rows
//! of its columns (`Tabular::COLUMNS`, the same the CSV and JSON files
//! have). Served at `/api/v1/openapi.json`, and read by the docs page
//! (Swagger UI, shipped inside the binary) at `/api/v1/docs/`.

use super::reads::{DEFAULT_LIMIT, MAX_LIMIT};
use app::exchange::exports::List;
use app::exchange::tables::{Column, Kind};
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder, ResponsesBuilder};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, ObjectBuilder, SchemaType, Type,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, Content, InfoBuilder, OpenApi, OpenApiBuilder, PathItem, PathsBuilder, Ref,
    RefOr, Required, Schema,
};

/// Every list's columns, asked of an empty list of its rows.
fn columns(list: List) -> &'static [Column] {
    use app::exchange::tables::Tabular;
    match list {
        List::Organisations => shared::OrgSummary::COLUMNS,
        List::People => shared::PersonSummary::COLUMNS,
        List::Trials => shared::TrialSummary::COLUMNS,
        List::Hearings => shared::Hearing::COLUMNS,
        List::Missions => shared::MissionSummary::COLUMNS,
        List::Events => shared::EventSummary::COLUMNS,
        List::AdvocacyMissions => shared::AdvocacySummary::COLUMNS,
        List::Interventions => shared::InterventionSummary::COLUMNS,
        List::Campaigns => shared::CampaignSummary::COLUMNS,
        List::Grants => shared::Grant::COLUMNS,
        List::Figures => app::exchange::tables::FIGURE_COLUMNS,
    }
}

fn typed(kind: Type, optional: bool) -> SchemaType {
    if optional {
        SchemaType::from_iter([kind, Type::Null])
    } else {
        SchemaType::from(kind)
    }
}

fn column_schema(column: &Column) -> Schema {
    match column.kind {
        Kind::Text => ObjectBuilder::new()
            .schema_type(typed(Type::String, column.optional))
            .into(),
        Kind::Int => ObjectBuilder::new()
            .schema_type(typed(Type::Integer, column.optional))
            .into(),
        Kind::Bool => ObjectBuilder::new()
            .schema_type(typed(Type::Boolean, column.optional))
            .into(),
        Kind::List => ArrayBuilder::new()
            .items(ObjectBuilder::new().schema_type(Type::String))
            .into(),
    }
}

fn row_schema(list: List) -> ObjectBuilder {
    let mut row = ObjectBuilder::new()
        .schema_type(Type::Object)
        .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)));
    for column in columns(list) {
        row = row
            .property(column.name, column_schema(column))
            .required(column.name);
    }
    row
}

fn schema_name(list: List) -> String {
    let mut name: String = list
        .name()
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    name.push_str("Page");
    name
}

fn page_schema(list: List) -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property("items", ArrayBuilder::new().items(row_schema(list)))
        .required("items")
        .property(
            "total",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0)),
        )
        .required("total")
        .property(
            "next",
            ObjectBuilder::new()
                .schema_type(typed(Type::String, true))
                .description(Some("The cursor of the next page; null on the last.")),
        )
        .required("next")
        .into()
}

fn problem_schema() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property("type", ObjectBuilder::new().schema_type(Type::String))
        .property("title", ObjectBuilder::new().schema_type(Type::String))
        .property("status", ObjectBuilder::new().schema_type(Type::Integer))
        .property("detail", ObjectBuilder::new().schema_type(Type::String))
        .property(
            "errors",
            ArrayBuilder::new().items(
                ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .property("field", ObjectBuilder::new().schema_type(Type::String))
                    .property("message", ObjectBuilder::new().schema_type(Type::String)),
            ),
        )
        .required("status")
        .required("title")
        .into()
}

fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            super::problem::CONTENT_TYPE,
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
}

fn json(description: &str, schema: impl Into<RefOr<Schema>>) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", Content::new(Some(schema)))
        .build()
}

fn query(name: &str, description: &str, required: bool) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(if required {
            Required::True
        } else {
            Required::False
        })
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

fn refusals(responses: ResponsesBuilder) -> ResponsesBuilder {
    responses
        .response(
            "400",
            problem("A filter, a limit or a cursor that is not one."),
        )
        .response(
            "401",
            problem("No token, or one unknown, revoked or expired."),
        )
        .response("403", problem("The token's user may not read this."))
        .response(
            "429",
            problem("Too many calls with this token; see Retry-After."),
        )
}

fn any_object_builder() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::Object)
}

fn any_object() -> Schema {
    any_object_builder().into()
}

fn id_parameter() -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name("id")
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

/// The writes (`writes.rs`), their bodies' schemas derived from the types
/// that read them.
fn writes(
    mut paths: PathsBuilder,
    components: ComponentsBuilder,
) -> (PathsBuilder, ComponentsBuilder) {
    use super::writes::{
        HearingInput, HearingRecordInput, OrganisationInput, PersonInput, RelationInput,
    };
    use utoipa::PartialSchema;
    let components = components
        .schema("OrganisationInput", OrganisationInput::schema())
        .schema("PersonInput", PersonInput::schema())
        .schema("RelationInput", RelationInput::schema())
        .schema("HearingInput", HearingInput::schema())
        .schema("HearingRecordInput", HearingRecordInput::schema());
    let operations = [
        ("/api/v1/organisations", HttpMethod::Post, "create_organisation", "Creates an organisation (staff and admins).", "OrganisationInput", "201"),
        ("/api/v1/organisations/{id}", HttpMethod::Patch, "update_organisation", "Changes the fields given of an organisation, from the version read.", "OrganisationInput", "200"),
        ("/api/v1/persons", HttpMethod::Post, "create_person", "Creates a person (staff and admins).", "PersonInput", "201"),
        ("/api/v1/persons/{id}", HttpMethod::Patch, "update_person", "Changes the fields given of a person, from the version read.", "PersonInput", "200"),
        ("/api/v1/relations", HttpMethod::Post, "set_relation", "Creates a relation between two organisations, or changes the one of that kind between them.", "RelationInput", "200"),
        ("/api/v1/hearings", HttpMethod::Post, "add_hearing", "Adds a hearing to a trial.", "HearingInput", "201"),
        ("/api/v1/hearings/{id}", HttpMethod::Patch, "record_hearing", "Records what happened at a hearing.", "HearingRecordInput", "200"),
    ];
    for (path, method, id, summary, body, success) in operations {
        let mut operation = OperationBuilder::new()
            .operation_id(Some(id))
            .summary(Some(summary))
            .tag("writes")
            .request_body(Some(
                utoipa::openapi::request_body::RequestBodyBuilder::new()
                    .content(
                        "application/json",
                        Content::new(Some(Ref::from_schema_name(body))),
                    )
                    .required(Some(Required::True))
                    .build(),
            ))
            .responses(
                ResponsesBuilder::new()
                    .response(success, json("The record as saved.", any_object()))
                    .response(
                        "400",
                        problem("A field that is not right, each named with its problem."),
                    )
                    .response(
                        "401",
                        problem("No token, or one unknown, revoked or expired."),
                    )
                    .response(
                        "403",
                        problem("A read-only token, or a role that may not do this."),
                    )
                    .response(
                        "404",
                        problem("No such record, or not one the token's user may read."),
                    )
                    .response("405", problem("This address does not take that method."))
                    .response("409", problem("The record changed since the version read."))
                    .response("413", problem("A body over 64 KB."))
                    .response("415", problem("A body that is not JSON."))
                    .response(
                        "429",
                        problem("Too many calls with this token; see Retry-After."),
                    )
                    .build(),
            );
        if path.ends_with("{id}") {
            operation = operation.parameter(id_parameter());
        }
        paths = paths.path(path, PathItem::new(method, operation));
    }
    (paths, components)
}

/// The document, built once per process.
pub fn document() -> OpenApi {
    let mut paths = PathsBuilder::new();
    let mut components = ComponentsBuilder::new()
        .schema("Problem", problem_schema())
        .security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A token made on your account page (sos_...)."))
                    .build(),
            ),
        );
    for list in List::ALL {
        let name = schema_name(list);
        components = components.schema(&name, page_schema(list));
        let mut operation = OperationBuilder::new()
            .operation_id(Some(format!("list_{}", list.name().replace('-', "_"))))
            .summary(Some(format!(
                "The {} the token's user may see, a page at a time",
                list.name().replace('-', " ")
            )))
            .tag("lists")
            .parameter(query(
                "limit",
                &format!("Rows per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})."),
                false,
            ))
            .parameter(query("cursor", "The `next` of the previous page.", false));
        for filter in list.filters() {
            operation =
                operation.parameter(query(filter, "A filter, as on the list's page.", false));
        }
        let responses = refusals(
            ResponsesBuilder::new()
                .response("200", json("A page of rows.", Ref::from_schema_name(&name))),
        );
        paths = paths.path(
            format!("/api/v1/{}", list.name()),
            PathItem::new(HttpMethod::Get, operation.responses(responses.build())),
        );
    }
    let records = [
        (
            "/api/v1/organisations/{id}",
            "organisation",
            "An organisation's profile and its peers.",
        ),
        (
            "/api/v1/persons/{id}",
            "person",
            "A person, as their page shows them.",
        ),
        (
            "/api/v1/trials/{id}",
            "trial",
            "A trial with its hearings, defendants and missions.",
        ),
        (
            "/api/v1/countries/{id}",
            "country",
            "A country and the network's organisations there.",
        ),
        (
            "/api/v1/hearings/{id}",
            "hearing",
            "A hearing, as the calendar shows it.",
        ),
    ];
    for (path, id, summary) in records {
        let operation = OperationBuilder::new()
            .operation_id(Some(format!("read_{id}")))
            .summary(Some(summary))
            .tag("records")
            .parameter(
                ParameterBuilder::new()
                    .name("id")
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                    .build(),
            )
            .responses(
                refusals(ResponsesBuilder::new())
                    .response("200", json("The record.", any_object()))
                    .response("302", problem("Merged into another record (see Location)."))
                    .response(
                        "404",
                        problem("No such record, or not one the token's user may read."),
                    )
                    .build(),
            );
        paths = paths.path(path, PathItem::new(HttpMethod::Get, operation));
    }
    let countries = OperationBuilder::new()
        .operation_id(Some("countries"))
        .summary(Some(
            "Countries with the number of organisations the user may see there.",
        ))
        .tag("records")
        .responses(
            refusals(ResponsesBuilder::new())
                .response(
                    "200",
                    json(
                        "The countries.",
                        ArrayBuilder::new().items(any_object_builder()),
                    ),
                )
                .build(),
        );
    paths = paths.path(
        "/api/v1/countries",
        PathItem::new(HttpMethod::Get, countries),
    );
    let others = [
        (
            "/api/v1/graph/ego",
            "graph_ego",
            "The network around a record (`organisation:omct`), 1 to 3 steps out.",
            vec![
                query("start", "A record, as `table:key`.", true),
                query("depth", "1, 2 or 3.", false),
                query("past", "`true` to include relations that ended.", false),
            ],
        ),
        (
            "/api/v1/graph/path",
            "graph_path",
            "The shortest chains between a record and another (or a name).",
            vec![
                query("from", "A record, as `table:key`.", true),
                query("to", "A record or a name.", true),
            ],
        ),
    ];
    for (path, id, summary, parameters) in others {
        let operation = OperationBuilder::new()
            .operation_id(Some(id))
            .summary(Some(summary))
            .tag("graph")
            .parameters(Some(parameters))
            .responses(
                refusals(ResponsesBuilder::new())
                    .response("200", json("The answer.", any_object()))
                    .response("404", problem("The start is not one the user may read."))
                    .build(),
            );
        paths = paths.path(path, PathItem::new(HttpMethod::Get, operation));
    }
    let (paths, components) = writes(paths, components);
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("SOS-Torture network API")
                .version("1")
                .description(Some(
                    "The network's records for programs. Every call acts as the user who made the \
                     token, with their role and grants: a record hidden from them is absent, as on \
                     the pages. Errors are RFC 9457 problem details.",
                ))
                .build(),
        )
        .paths(paths.build())
        .components(Some(components.build()))
        .security(Some(vec![SecurityRequirement::new(
            "token",
            Vec::<String>::new(),
        )]))
        .build()
}
