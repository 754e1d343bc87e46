use identity_clients::paxos_identity_v2_revised::{
    servers, Client, DocumentType, DocumentUploadRequest,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder(servers::SANDBOX)
        .token_url("https://oauth.sandbox.paxos.com/oauth2/token")
        .client_credentials(
            std::env::var("PAXOS_CLIENT_ID")?,
            std::env::var("PAXOS_CLIENT_SECRET")?,
        )
        .build()?;
    let scan = std::fs::read("passport.pdf")?;

    // Paxos records the document and answers with a pre-signed storage URL…
    let request = DocumentUploadRequest::new("passport.pdf")
        .set_document_types([DocumentType::IdentityVerification]);
    let document = client
        .document_upload("f190b163-208f-4d73-8deb-4fb8b24add00", &request)
        .await?
        .into_body();
    // …to which the bytes go: the URL's signature is their authorization, the OAuth2
    // token is not sent. The URL is sensitive: Debug prints [redacted].
    let upload_url = document.upload_url.ok_or("Paxos returned no upload_url")?;
    client
        .api_client()
        .upload_to_presigned_url(upload_url.expose(), scan, "application/pdf")
        .await?;
    println!("uploaded {:?}", document.file_id);
    Ok(())
}
