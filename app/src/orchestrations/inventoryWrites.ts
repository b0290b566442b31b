// Admin writes to the inventory: one entity operation each, run in an orchestration so the HTTP function
// can answer with the operation's result (a client cannot call an entity and get an answer; spec §8).
import * as df from 'durable-functions';
import type { NewItem } from '../domain/inventory';
import { inventoryId } from '../entities/names';
import { ADD_STOCK, CREATE_ITEM } from './names';

export interface CreateItemInput { item: NewItem }
export interface AddStockInput { itemId: string; quantity: number }

export const createItemOrchestrator: df.OrchestrationHandler = function* (context) {
  const { item } = context.df.getInput() as CreateItemInput;
  return yield context.df.callEntity(inventoryId(), 'createItem', { item });
};

export const addStockOrchestrator: df.OrchestrationHandler = function* (context) {
  const { itemId, quantity } = context.df.getInput() as AddStockInput;
  return yield context.df.callEntity(inventoryId(), 'addStock', { itemId, quantity });
};

df.app.orchestration(CREATE_ITEM, createItemOrchestrator);
df.app.orchestration(ADD_STOCK, addStockOrchestrator);
