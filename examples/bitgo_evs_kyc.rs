use identity_clients::bitgo_evs_kyc::{
    servers, Client, EntityValidationIdentityUpdateError, UpdateKycIdentityRequest,
    UpdateKycIdentityRequestAnnualIncome,
};
use specgen_runtime::Error;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // HTTP bearer: a BitGo access token.
    let client = Client::builder(servers::TEST)
        .bearer_token(std::env::var("BITGO_ACCESS_TOKEN")?)
        .build()?;

    let update = UpdateKycIdentityRequest::new()
        .set_name_first("Ann")
        .set_annual_income(UpdateKycIdentityRequestAnnualIncome::Under50000)
        .set_identification_number("123-45-6789"); // sensitive: Debug prints [redacted]
    match client
        .entity_validation_identity_update("my-identity-id", &update)
        .await
    {
        Ok(response) => println!("KYC identity status: {}", response.body.status),
        // Each documented error status is a variant with its typed body.
        Err(Error::Api {
            body: EntityValidationIdentityUpdateError::NotFound(error),
            ..
        }) => eprintln!(
            "no such identity: {} (request {})",
            error.error, error.request_id
        ),
        Err(error) => return Err(error.into()),
    }
    Ok(())
}
