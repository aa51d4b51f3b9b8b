//! What can go wrong writing an export (reading one reports [`crate::Problem`]s).

/// An export that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The Word document could not be packed into its zip container.
    #[error("the Word document could not be packed: {reason}")]
    Docx {
        /// What the zip writer said.
        reason: String,
    },
}

impl ExportError {
    /// The error's stable code, for logs and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Docx { .. } => "docx-pack",
        }
    }
}
