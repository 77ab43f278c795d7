use std::process::ExitCode;

fn main() -> ExitCode {
    // Before any thread starts: the password is read once, and only from this copy (see
    // `take_password_from_env` for why it cannot be removed from the environment).
    idphoto_review::cli::auth::take_password_from_env();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    idphoto_review::cli::main()
}
