// Orchestration function names (registered in this folder, started by functions/).
export const CREATE_ITEM = 'InventoryCreateItemOrchestrator';
export const ADD_STOCK = 'InventoryAddStockOrchestrator';
export const CHECKOUT = 'CheckoutOrchestrator';
export const RELEASE_CHECKOUT = 'CheckoutReleaseOrchestrator';
