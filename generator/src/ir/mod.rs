//! Stage 3: the intermediate representation — plain data, no tokens, no Rust identifiers.
//!
//! Types and operations carry *name hints* (the words the spec gives them: a component name,
//! a property path, an operationId); [`crate::names`] turns them into identifiers once, for
//! the whole output, so collisions are found where all names are visible.

mod composition;
mod cycles;
mod graph;
mod media;
mod operation;
mod pagination;
mod schema;
pub mod select;
mod shared;
mod view;

pub(crate) use operation::lower;
/// `check` selects operations without an operationId by this name, as generation does.
#[cfg(feature = "cli")]
pub(crate) use operation::synthesize_name;
pub use pagination::Paging;
pub(crate) use pagination::EXTENSION as PAGINATION_EXTENSION;

/// Everything the emitter needs, derived from one spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub servers: Vec<Server>,
    pub schemes: Vec<SecurityScheme>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// Every tag the operations carry, once, in order of first use.
    pub tags: Vec<String>,
    /// How many of the spec's component schemas were left out because no operation uses
    /// them ([`crate::Selection::keep_unused_schemas`] keeps them).
    pub unused_schemas_left_out: usize,
}

impl Ir {
    /// Per type: whether a request can carry it (a body or a parameter holds it, directly
    /// or through fields, union variants, lists, maps and aliases). Users build these
    /// values; the others they mostly read.
    pub fn sent_types(&self) -> Vec<bool> {
        let mut sent = vec![false; self.types.len()];
        let mut stack: Vec<&TypeRef> = self
            .operations
            .iter()
            .flat_map(|op| {
                op.params
                    .iter()
                    .map(|p| &p.ty)
                    .chain(op.body.as_ref().map(|b| &b.ty))
            })
            .collect();
        while let Some(ty) = stack.pop() {
            let Some(id) = ty.named() else { continue };
            if std::mem::replace(&mut sent[id.0], true) {
                continue;
            }
            match &self.types[id.0].kind {
                TypeKind::Struct(s) => {
                    stack.extend(s.fields.iter().map(|f| &f.ty));
                    stack.extend(&s.additional);
                }
                TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| &v.ty)),
                TypeKind::Alias(ty) => stack.push(ty),
                TypeKind::Enum(_) => {}
            }
        }
        sent
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    pub name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    OAuth2ClientCredentials {
        token_url: String,
        scopes: Vec<(String, String)>,
    },
    HttpBearer,
    HttpBasic,
    ApiKey {
        location: ParamLocation,
        name: String,
    },
    /// Declared, but no flow the runtime can perform (e.g. OAuth2 authorization code only);
    /// a caller can still supply a bearer token for it.
    BearerLike {
        why: String,
    },
}

/// Index into [`Ir::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Docs {
    pub title: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Words to build the type name from, most general first: `["Identity", "status_details"]`.
    pub name: Vec<String>,
    /// Whether the name was given by the spec (a component) rather than derived from a place.
    pub named_in_spec: bool,
    pub docs: Docs,
    pub kind: TypeKind,
    /// JSON pointer of the schema, for diagnostics.
    pub pointer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(StringEnum),
    Union(Union),
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` beside declared properties: collected into a flattened map.
    pub additional: Option<TypeRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub sensitive: bool,
    /// Set when the field closes a cycle of types that would otherwise have infinite size.
    pub boxed: bool,
    pub default: Option<serde_json::Value>,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The discriminator property, for an internally tagged union.
    pub tag: Option<String>,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub name: String,
    /// The discriminator value selecting this variant.
    pub tag_value: Option<String>,
    pub ty: TypeRef,
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Bool,
    Int(IntKind),
    Float(FloatKind),
    String,
    Date,
    DateTime,
    Uuid,
    /// Raw bytes (`format: binary`), for file uploads and octet-stream bodies.
    Binary,
    /// Bytes sent as a base64 string (`format: byte`).
    Base64,
    /// Any JSON value: the spec does not say more.
    Json,
    /// A free-form JSON object.
    JsonMap,
    Vec(Box<TypeRef>),
    Map(Box<TypeRef>),
    Option(Box<TypeRef>),
    Named(TypeId),
}

impl TypeRef {
    /// The named type inside lists, maps and options, if there is one.
    pub fn named(&self) -> Option<TypeId> {
        match self {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => inner.named(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntKind {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

impl IntKind {
    /// The smallest and the largest value.
    pub fn range(self) -> (i128, i128) {
        match self {
            IntKind::I8 => (i8::MIN.into(), i8::MAX.into()),
            IntKind::I16 => (i16::MIN.into(), i16::MAX.into()),
            IntKind::I32 => (i32::MIN.into(), i32::MAX.into()),
            IntKind::I64 => (i64::MIN.into(), i64::MAX.into()),
            IntKind::U8 => (0, u8::MAX.into()),
            IntKind::U16 => (0, u16::MAX.into()),
            IntKind::U32 => (0, u32::MAX.into()),
            IntKind::U64 => (0, u64::MAX.into()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FloatKind {
    F32,
    F64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's operationId, or one synthesized from method and path.
    pub name: String,
    pub method: String,
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// The spec's tags for it, each once, in spec order.
    pub tags: Vec<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<ResponseCase>,
    pub security: Security,
    pub pointer: String,
    /// Set when the operation pages with a cursor: its client also streams pages and items.
    pub paging: Option<Paging>,
}

/// Alternatives (any one suffices) of requirement sets (all needed): `[[(scheme, scopes)]]`.
pub type Security = Vec<Vec<(String, Vec<String>)>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub wire_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub sensitive: bool,
    /// For arrays in the query: repeat the name (`a=1&a=2`) rather than join with commas.
    pub explode: bool,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub media_type: String,
    pub encoding: BodyEncoding,
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    Json,
    Form,
    Multipart,
    Bytes,
    Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCase {
    pub status: StatusMatch,
    pub media_type: Option<String>,
    pub encoding: ResponseEncoding,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: the first digit.
    Range(u16),
    Default,
}

impl StatusMatch {
    pub fn is_success(self) -> bool {
        match self {
            StatusMatch::Code(code) => (200..300).contains(&code),
            StatusMatch::Range(digit) => digit == 2,
            StatusMatch::Default => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ResponseEncoding {
    Json(TypeRef),
    Text,
    Bytes,
    Empty,
}
