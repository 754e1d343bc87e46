use identity_clients::paxos_identity_v2_revised::{
    servers, Client, IdentityType, ListIdentitiesParams,
};
use specgen_runtime::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder(servers::SANDBOX)
        .token_url("https://oauth.sandbox.paxos.com/oauth2/token")
        .client_credentials(
            std::env::var("PAXOS_CLIENT_ID")?,
            std::env::var("PAXOS_CLIENT_SECRET")?,
        )
        .build()?;

    // Every institution, page after page: each page's `next_page_cursor` is sent back as
    // `page_cursor`, and the stream ends after the page that has none.
    let params = ListIdentitiesParams::new()
        .set_identity_type(IdentityType::Institution)
        .set_limit(100);
    let mut identities = client.list_identities_stream(&params);
    while let Some(identity) = identities.try_next().await? {
        println!("{} is {:?}", identity.id, identity.summary_status);
    }
    Ok(())
}
