// The state of a store never touched before. Shared by the Inventory entity (first construction) and the
// read functions (an entity that does not exist yet reads as this), so both show the same catalog.
import { emptyInventory, type InventoryState } from '../domain/inventory';
import { sampleInventory } from '../domain/sampleCatalog';
import { seedSampleCatalog } from '../settings';

/** The sample catalog when STORE_SEED_SAMPLE_CATALOG is "true", else an empty store. */
export const initialInventory = (): InventoryState => (seedSampleCatalog() ? sampleInventory() : emptyInventory());
