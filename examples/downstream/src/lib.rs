//! A crate that uses specgen the way a user's crate does: `specgen` as a build-dependency,
//! `specgen-runtime` as the only dependency, two lines of `build.rs` and one `include!`.

#![deny(warnings)]

/// The bookshop API client, generated from `bookshop.yaml` at build time.
pub mod bookshop {
    include!(concat!(env!("OUT_DIR"), "/bookshop.rs"));
}

#[cfg(test)]
mod tests {
    use super::bookshop::{Book, BookFormat, Client};

    #[test]
    fn generated_types_round_trip_and_keep_unknown_enum_values() {
        let json = r#"{"id":"b-1","title":"Dune","format":"audiobook","isbn":"978-0441013593"}"#;
        let book: Book = specgen_runtime::serde_json::from_str(json).unwrap();
        assert_eq!(book.format, Some(BookFormat::Unknown("audiobook".into())));
        assert_eq!(specgen_runtime::serde_json::to_string(&book).unwrap(), json);
        // The ISBN is marked sensitive in the spec, to show redaction.
        assert!(!format!("{book:?}").contains("978-0441013593"));
    }

    #[test]
    fn a_fake_response_is_built_with_new_and_field_assignment() {
        // The generated types are `#[non_exhaustive]`: a value comes from `new` (the
        // required fields) and plain assignments, which keep compiling when the API adds
        // a field, as a `match` with a wildcard arm does when it adds an enum value.
        let mut book = Book::new("b-2", "Emma");
        book.format = Some(BookFormat::Paperback);
        let json = specgen_runtime::serde_json::to_string(&book).unwrap();
        assert_eq!(json, r#"{"id":"b-2","title":"Emma","format":"paperback"}"#);
        let shelf = match &book.format {
            Some(BookFormat::Hardcover | BookFormat::Paperback) => "print",
            Some(BookFormat::Ebook) => "digital",
            Some(_) | None => "unsorted",
        };
        assert_eq!(shelf, "print");
    }

    #[test]
    fn client_builds_against_a_listed_server() {
        let client = Client::builder(super::bookshop::servers::PRODUCTION)
            .api_key("not-a-real-key")
            .build();
        assert!(client.is_ok());
    }
}
