use identity_clients::paxos_identity_v2_preview::{
    servers, Client, Controls, UpdateIdentityRequest,
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

    // A partial update: only the fields that are set are sent.
    let update = UpdateIdentityRequest::new().set_controls(Controls::new().set_frozen(true));
    let response = client
        .update_identity("f190b163-208f-4d73-8deb-4fb8b24add00", &update)
        .await?;
    println!("{}: {:?}", response.status, response.body.status);
    Ok(())
}
