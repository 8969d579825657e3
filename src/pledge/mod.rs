//! Pledges: money in minor units, the draft a visitor fills in and its
//! validation into a pledge, the durable SQLite store, the background writer
//! CSV export, and sealing donors' details to the organisation's key. A pledge is a promise that staff follow up, never a
//! payment: no card data exists anywhere here.

pub mod draft;
pub mod export;
pub mod money;
pub mod reference;
pub mod seal;
pub mod store;
pub mod total;
pub mod worker;

pub use draft::{DraftField, FieldError, FieldErrors, PledgeDraft, ValidPledge};
pub use store::{NewPledge, PledgeRow, Stats, Status, Store, StoreError};
pub use worker::{Reply, Request, Writer};
