// Orchestration function names (registered in this folder, started by functions/).
export const CREATE_ITEM = 'InventoryCreateItemOrchestrator';
export const ADD_STOCK = 'InventoryAddStockOrchestrator';
export const CART_ADD = 'ShoppingCartAddOrchestrator';
export const CART_REMOVE = 'ShoppingCartRemoveOrchestrator';
export const CHECKOUT = 'CheckoutOrchestrator';
