/**
 * Runs both fake order sources for sandbox use: `npx tsx src/dev/fake-order-sources/cli.ts [port]` starts
 * the iThink fake on `port` (default 4610) and the JSON shop on `port + 1`, each with a few of today's
 * orders, and prints the settings a desk should enter. Every NDR request (reattempt / RTO) the iThink fake
 * receives from a desk's Needs action is printed as it is answered.
 */
import { formatLocalDate } from '../../main/domain/local-time';
import { startFakeJsonSource } from './generic-json';
import { startFakeIThink } from './ithink';

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? 4610);
  const today = formatLocalDate(Date.now(), 'Asia/Kolkata');
  const ithink = await startFakeIThink({
    accessToken: 'sandbox-token',
    secretKey: 'sandbox-secret',
    port,
    onNdr: (action) =>
      console.log(
        `iThink fake NDR: ${action.action} for ${action.awb} ${JSON.stringify(action.fields)} → ${action.accepted ? 'accepted' : 'refused'}: ${action.remark}`,
      ),
    orders: ['Out For Delivery', 'Undelivered', 'In Transit'].map((status, index) => ({
      awb: `13331100${String(index + 1).padStart(5, '0')}`,
      order: `SBX-${index + 1}`,
      orderDate: today,
      customerName: ['Raj Kumar', 'Priya Sharma', 'Amit Verma'][index]!,
      customerPhone: index === 1 ? '' : `98765000${index + 1}0`,
      trackMobile: `98765000${index + 1}0`,
      address: 'MG Road',
      city: 'Delhi',
      pincode: '110001',
      paymentMode: 'COD',
      totalAmount: '499',
      logistic: 'Delhivery',
      status,
    })),
  });
  const shop = await startFakeJsonSource({
    token: 'sandbox-token',
    port: port + 1,
    orders: [
      {
        shipment: { awb: 'SHOP0001', courier: 'Ekart', status: 'Out for delivery' },
        customer: {
          name: 'Kavya Nair',
          phone: '+91 98765 00111',
          address: { line: 'Kakkanad', pincode: '682030' },
        },
        payment: { cod: 799 },
        reference: 'WEB-1',
        placedOn: today,
      },
    ],
  });
  console.log(
    `iThink fake: kind "ithink", base URL ${ithink.url}, credentials {"accessToken":"sandbox-token","secretKey":"sandbox-secret"}`,
  );
  console.log(
    `JSON shop fake: kind "generic-json", base URL ${shop.url}/orders, credentials {"headers":{"Authorization":"Bearer sandbox-token"},"ordersPath":"data.orders","fields":{...}} (see FAKE_SHOP_FIELDS)`,
  );
  const stop = () => void Promise.all([ithink.close(), shop.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
