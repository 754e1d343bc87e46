use identity_clients::bitgo_evs_kyc::{servers, Client, KycDocumentFiles, KycIdClass};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder(servers::TEST)
        .bearer_token(std::env::var("BITGO_ACCESS_TOKEN")?)
        .build()?;

    // A multipart form: a text part for the id class and a file part per photo; the
    // proof of residency is left out of the form.
    let files = KycDocumentFiles::new()
        .set_selected_id_class(KycIdClass::Dl)
        .set_front_photo(std::fs::read("licence-front.jpg")?)
        .set_back_photo(std::fs::read("licence-back.jpg")?);
    let document = client
        .entity_validation_identity_document_create("my-identity-id", &files)
        .await?
        .into_body();
    println!("document {} is {}", document.id, document.status);
    Ok(())
}
