// App settings (local.settings.json Values locally, Application settings on Azure). Read on use, not at
// import, so tests and hosts can set them before the first request.

/** "true": a store with no inventory state yet starts with the sample catalog (domain/sampleCatalog.ts). */
export const seedSampleCatalog = () => process.env.STORE_SEED_SAMPLE_CATALOG?.trim().toLowerCase() === 'true';

/** "true": customer routes require an App Service Authentication principal (auth/principal.ts). */
export const requireAuth = () => process.env.STORE_REQUIRE_AUTH?.trim().toLowerCase() === 'true';
