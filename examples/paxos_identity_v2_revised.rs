use identity_clients::paxos_identity_v2_revised::{
    servers, AddInstitutionMembersRequest, Client, CreateIdentityRequest, InstitutionDetails,
    InstitutionMember, InstitutionRoleType, InstitutionType, MailingAddress,
};
use specgen_runtime::Sensitive;

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
    let member = |identity_id: &str, role| InstitutionMember {
        identity_id: identity_id.into(),
        roles: Some(vec![role]),
        ownership: None,
        position: None,
        name: None,
        summary_status: None,
        id: None,
    };
    let address = MailingAddress {
        country: "USA".into(),
        address1: "1 Example St".into(),
        address2: None,
        city: "New York".into(),
        province: "NY".into(),
        zip_code: Some("10001".into()),
    };
    let trust = CreateIdentityRequest {
        institution_details: Some(InstitutionDetails {
            name: Some("Institution A".into()),
            institution_type: Some(InstitutionType::Trust),
            cip_id: Some(Sensitive::new("12-9569897".into())), // Debug: [redacted]
            business_address: Some(address.clone()),
            incorporation_address: Some(address),
            ..Default::default()
        }),
        institution_members: Some(vec![member(
            "a81d4cf9-da6d-40ff-9366-0405aedfd31e",
            InstitutionRoleType::Grantor,
        )]),
        ..Default::default()
    };
    let institution = client.create_identity(&trust).await?.into_body();

    // Later, a trustee joins; the members already there stay.
    let added = client
        .add_institution_members(&AddInstitutionMembersRequest {
            institution_id: institution.id.clone(),
            members: vec![member(
                "e458c723-edfa-478e-a01c-939707c0be9f",
                InstitutionRoleType::Trustee,
            )],
        })
        .await?
        .into_body();
    println!(
        "{} is {:?}; added {:?}",
        institution.id, institution.summary_status, added.members
    );
    Ok(())
}
