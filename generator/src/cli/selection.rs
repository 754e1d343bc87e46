//! The selection of operations that `generate`, `check` and `diff` share.

use clap::Args;

use crate::Selection;

/// Which operations to work on: the included ones (every one when nothing is included),
/// then without the excluded ones.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Selection (include first, all when none; then exclude)")]
pub struct SelectionArgs {
    /// Only the operations with this tag, and the types they use (repeatable).
    #[arg(long = "include-tag", value_name = "TAG")]
    include_tags: Vec<String>,
    /// Leave out the operations with this tag (repeatable).
    #[arg(long = "exclude-tag", value_name = "TAG")]
    exclude_tags: Vec<String>,
    /// Only the operation with this operationId, and the types it uses (repeatable).
    #[arg(long = "include-operation", value_name = "ID")]
    include_operations: Vec<String>,
    /// Leave out the operation with this operationId (repeatable).
    #[arg(long = "exclude-operation", value_name = "ID")]
    exclude_operations: Vec<String>,
}

impl SelectionArgs {
    pub fn selection(&self) -> Selection {
        Selection {
            include_tags: self.include_tags.clone(),
            exclude_tags: self.exclude_tags.clone(),
            include_operations: self.include_operations.clone(),
            exclude_operations: self.exclude_operations.clone(),
            keep_unused_schemas: false,
        }
    }
}
