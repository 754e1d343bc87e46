use identity_clients::paxos_identity_v2_revised::{
    servers, AddInstitutionMembersRequest, Client, CreateIdentityRequest, InstitutionDetails,
    InstitutionMember, InstitutionRoleType, InstitutionType, MailingAddress,
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

    // An institution (a trust) with its grantor; the members are existing identities.
    let member = |identity_id: &str, role| InstitutionMember::new(identity_id).set_roles([role]);
    let address =
        MailingAddress::new("USA", "1 Example St", "New York", "NY").set_zip_code("10001");
    let trust = CreateIdentityRequest::new()
        .set_institution_details(
            InstitutionDetails::new()
                .set_name("Institution A")
                .set_institution_type(InstitutionType::Trust)
                .set_cip_id("12-9569897") // sensitive: Debug prints [redacted]
                .set_business_address(address.clone())
                .set_incorporation_address(address),
        )
        .set_institution_members([member(
            "a81d4cf9-da6d-40ff-9366-0405aedfd31e",
            InstitutionRoleType::Grantor,
        )]);
    let institution = client.create_identity(&trust).await?.into_body();

    // Later, a trustee joins; the members already there stay.
    let trustee = member(
        "e458c723-edfa-478e-a01c-939707c0be9f",
        InstitutionRoleType::Trustee,
    );
    let added = client
        .add_institution_members(&AddInstitutionMembersRequest::new(
            institution.id.clone(),
            [trustee],
        ))
        .await?
        .into_body();
    println!(
        "{} is {:?}; added {:?}",
        institution.id, institution.summary_status, added.members
    );
    Ok(())
}
