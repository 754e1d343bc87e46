//! What the generator itself says about a spec: whether it is a valid OpenAPI 3.0 document
//! (`invalid-document`), whether it can be generated (`generation-failed`), and what it can
//! only type loosely (`loose-type`, from its warnings that no other rule explains).

use std::path::Path;

use super::rules::{
    GENERATION_FAILED, INVALID_DOCUMENT, LOOSE_TYPE, OPERATION_ID_DUPLICATE, PATH_PARAM_UNDECLARED,
    PATH_TEMPLATE_INVALID, SECURITY_SCHEME_UNDEFINED, UNRESOLVED_REF,
};
use super::Finding;
use crate::ErrorKind;

/// A finding of the generator, and when another rule already explains it.
pub struct Reported {
    finding: Finding,
    unless: Unless,
}

enum Unless {
    /// Another finding at the same place (an undefined security scheme the generator warns
    /// about).
    SamePlace,
    /// A finding of any of these rules (the generator stops at the first inconsistency).
    AnyOf(&'static [&'static str]),
    Never,
}

/// Runs the generator's analysis on the spec (which it reads itself).
pub fn analyze(path: &Path) -> Vec<Reported> {
    match crate::analyze(path) {
        Ok(analysis) => analysis
            .warnings
            .into_iter()
            .map(|warning| Reported {
                finding: Finding::located(LOOSE_TYPE, &warning.location, warning.message),
                unless: Unless::SamePlace,
            })
            .collect(),
        Err(error) => {
            let (rule, unless) = match error.kind {
                ErrorKind::Syntax | ErrorKind::InvalidDocument => (INVALID_DOCUMENT, Unless::Never),
                ErrorKind::UnresolvedRef => (UNRESOLVED_REF, Unless::AnyOf(&[UNRESOLVED_REF])),
                ErrorKind::Inconsistent => (
                    GENERATION_FAILED,
                    Unless::AnyOf(&[
                        PATH_PARAM_UNDECLARED,
                        PATH_TEMPLATE_INVALID,
                        SECURITY_SCHEME_UNDEFINED,
                        OPERATION_ID_DUPLICATE,
                    ]),
                ),
                _ => (GENERATION_FAILED, Unless::Never),
            };
            let mut finding = Finding::located(rule, &error.location, error.message.clone());
            finding.help = error.help.clone();
            vec![Reported { finding, unless }]
        }
    }
}

/// What the generator reported that `found` (the other rules' findings) does not explain.
pub fn unexplained(reported: Vec<Reported>, found: &[Finding]) -> Vec<Finding> {
    reported
        .into_iter()
        .filter(|r| match r.unless {
            Unless::SamePlace => !found.iter().any(|f| f.pointer == r.finding.pointer),
            Unless::AnyOf(rules) => !found.iter().any(|f| rules.contains(&f.rule)),
            Unless::Never => true,
        })
        .map(|r| r.finding)
        .collect()
}
