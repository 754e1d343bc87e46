use identity_clients::paxos_identity_v2::{servers, Client, GetIdentityParams};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // OAuth2 client credentials: the client fetches, caches and refreshes the token,
    // asking for the scopes each operation declares. The sandbox has its own token URL.
    let client = Client::builder(servers::SANDBOX)
        .token_url("https://oauth.sandbox.paxos.com/oauth2/token")
        .client_credentials(
            std::env::var("PAXOS_CLIENT_ID")?,
            std::env::var("PAXOS_CLIENT_SECRET")?,
        )
        .build()?;

    let params = GetIdentityParams::new().set_include_details(true);
    let identity = client
        .get_identity("f190b163-208f-4d73-8deb-4fb8b24add00", &params)
        .await?
        .into_body();
    println!("identity {} is {:?}", identity.id, identity.status);
    Ok(())
}
