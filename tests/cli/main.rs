//! End-to-end tests: the built `readout` binary and the library, on the bundled samples and on
//! broken and hostile inputs. One test binary; a module per area.

mod emit;
mod errors;
mod init;
mod markup;
mod pack;
mod pdf;
mod preview;
mod rules;
mod samples;
mod schema;
mod support;
mod templates;
mod theme;
mod validate_json;
