//! Changes outside operations: component schemas (each is a generated type) and security
//! schemes (each is a way the client builder authenticates).

use std::collections::BTreeMap;

use crate::ir::SecurityScheme;
use crate::pointer::escape;

use super::change::Level;
use super::Differ;

const SCHEMAS: &str = "/components/schemas/";

impl Differ<'_> {
    pub(super) fn compare_components(&mut self) {
        let named = |side: &super::Side| -> BTreeMap<String, String> {
            side.analysis
                .ir
                .types
                .iter()
                .filter(|t| {
                    t.named_in_spec
                        && t.pointer.starts_with(SCHEMAS)
                        && !t.pointer[SCHEMAS.len()..].contains('/')
                })
                .map(|t| (t.pointer[SCHEMAS.len()..].to_string(), t.pointer.clone()))
                .collect()
        };
        let (old, new) = (named(&self.old), named(&self.new));
        for (name, pointer) in old.iter().filter(|(n, _)| !new.contains_key(*n)) {
            self.push(
                "component-schema-removed",
                Level::Err,
                pointer,
                format!("component schema `{name}` was removed: its generated type goes away"),
            );
        }
        for (name, pointer) in new.iter().filter(|(n, _)| !old.contains_key(*n)) {
            self.push(
                "component-schema-added",
                Level::Info,
                pointer,
                format!("component schema `{name}` was added"),
            );
        }
        let (old_schemes, new_schemes) =
            (&self.old.analysis.ir.schemes, &self.new.analysis.ir.schemes);
        for scheme in old_schemes {
            let pointer = format!("/components/securitySchemes/{}", escape(&scheme.name));
            match new_schemes.iter().find(|s| s.name == scheme.name) {
                None => self.push(
                    "security-scheme-removed",
                    Level::Err,
                    &pointer,
                    format!("security scheme `{}` was removed", scheme.name),
                ),
                Some(now) if kind_name(now) != kind_name(scheme) => self.push(
                    "security-scheme-type-changed",
                    Level::Err,
                    &pointer,
                    format!(
                        "security scheme `{}` changed from {} to {}",
                        scheme.name,
                        kind_name(scheme),
                        kind_name(now)
                    ),
                ),
                Some(_) => {}
            }
        }
    }
}

fn kind_name(scheme: &SecurityScheme) -> &'static str {
    use crate::ir::SchemeKind;
    match scheme.kind {
        SchemeKind::OAuth2ClientCredentials { .. } => "OAuth2 client credentials",
        SchemeKind::HttpBearer => "HTTP bearer",
        SchemeKind::HttpBasic => "HTTP basic",
        SchemeKind::ApiKey { .. } => "an API key",
        SchemeKind::BearerLike { .. } => "a bearer-like scheme",
    }
}
