// Entry point (package.json "main"): registers every function. The Functions host (or the local host)
// loads this file once; each import registers its functions through @azure/functions / durable-functions.
import './entities/Inventory';
import './entities/ShoppingCart';
import './entities/Orders';
import './orchestrations/inventoryWrites';
import './orchestrations/checkout';
import './orchestrations/releaseCheckout';
import './functions/StoreGet';
import './functions/InventoryItemGet';
import './functions/InventoryCreateItemPost';
import './functions/InventoryAddItemStockPut';
import './functions/ShoppingCartGet';
import './functions/ShoppingCartPost';
import './functions/ShoppingCartDelete';
import './functions/OrderCheckoutPost';
import './functions/OrderGet';
import './functions/OrderList';
import './functions/CheckoutReleasePost';
import './functions/OpenApiGet';
import './functions/ApiDocsGet';
import './functions/StoreHistoryPurgeTimer';
