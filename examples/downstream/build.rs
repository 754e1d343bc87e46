fn main() {
    specgen::generate("bookshop.yaml").unwrap_or_else(|error| panic!("{error}"));
}
