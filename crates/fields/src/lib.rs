//! Backend.AI SDK: field specs, formatters and output renderers.

mod availability;
pub mod format;
mod item;
pub mod keypair;
mod python;
pub mod render;
mod selection;
mod set;
mod spec;
pub mod table;
mod version;

pub use availability::{Availability, Introduced, Unavailable};
pub use format::{
    DefaultFormatter, MiBytesFormatter, NestedDictFormatter, OutputFormatter,
    ResourceSlotFormatter, SizeBytesFormatter, SubFieldFormatter,
};
pub use item::{Item, NotAnObject};
pub use selection::{Selection, SelectionError};
pub use set::{FieldSet, FieldSetError, ResolveError};
pub use spec::FieldSpec;
pub use table::{render_table, Overflow, StreamingTable, TableOptions};
pub use version::{ApiRevision, ManagerRelease, ReleaseStage, ServerVersion, VersionError};
