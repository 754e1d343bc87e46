//! What the generator itself says about a spec: whether it is a valid OpenAPI 3.0 document
//! (`invalid-document`), whether it can be generated (`generation-failed`), and what it can
//! only type loosely (`loose-type`, from its warnings that no other rule explains).

use std::path::Path;

use super::rules::{
    GENERATION_FAILED, INVALID_DOCUMENT, LOOSE_TYPE, OPERATION_ID_DUPLICATE, PATH_PARAM_UNDECLARED,
    SECURITY_SCHEME_UNDEFINED, UNRESOLVED_REF,
};
use super::Finding;
use crate::ErrorKind;

/// Runs the generator's analysis; `found` holds what the other rules reported, so an error
/// they already explain is not reported twice.
pub fn check(path: &Path, found: &[Finding], out: &mut Vec<Finding>) {
    let reported = |rules: &[&str]| found.iter().any(|f| rules.contains(&f.rule));
    match crate::analyze(path) {
        Ok(analysis) => {
            for warning in analysis.warnings {
                // Already explained by a rule of its own (an undefined security scheme).
                if found.iter().any(|f| f.pointer == warning.location.pointer) {
                    continue;
                }
                out.push(Finding::located(
                    LOOSE_TYPE,
                    &warning.location,
                    warning.message,
                ));
            }
        }
        Err(error) => {
            let rule = match error.kind {
                ErrorKind::Syntax | ErrorKind::InvalidDocument => INVALID_DOCUMENT,
                ErrorKind::UnresolvedRef if reported(&[UNRESOLVED_REF]) => return,
                ErrorKind::UnresolvedRef => UNRESOLVED_REF,
                ErrorKind::Inconsistent
                    if reported(&[
                        PATH_PARAM_UNDECLARED,
                        SECURITY_SCHEME_UNDEFINED,
                        OPERATION_ID_DUPLICATE,
                    ]) =>
                {
                    return
                }
                _ => GENERATION_FAILED,
            };
            let mut finding = Finding::located(rule, &error.location, error.message.clone());
            finding.help = error.help.clone();
            out.push(finding);
        }
    }
}
