/**
 * `npm run phone:order -- --area-code 212` (or `--toll-free 888`): orders the clinic's phone
 * number in the AWS account and Region of the current credentials (AWS_REGION: us-east-1 or
 * us-west-2), waits until the order is done, and prints the setting to deploy with. Ordering is
 * a command and not a deploy step: an order can take many minutes, longer than a deploy waits
 * for a resource. The number is ordered for SIP media applications (SipMediaApplicationDialIn),
 * the one product type that lets a SIP rule send its calls to the clinic's phone line.
 */
import { parseArgs } from 'node:util';
import {
  ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  GetPhoneNumberOrderCommand,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-chime-sdk-voice';

const { values } = parseArgs({
  options: {
    'area-code': { type: 'string' },
    'toll-free': { type: 'string' },
    wait: { type: 'string', default: '30' },
  },
});
const areaCode = values['area-code'];
const tollFree = values['toll-free'];
const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? '';
if ((!areaCode && !tollFree) || (areaCode && !/^\d{3}$/.test(areaCode))) {
  console.error('Usage: npm run phone:order -- --area-code 212   (or --toll-free 888)');
  process.exit(2);
}
if (region !== 'us-east-1' && region !== 'us-west-2') {
  console.error(
    `Phone numbers for the clinic's line come from us-east-1 or us-west-2 (set AWS_REGION), not "${region}".`,
  );
  process.exit(2);
}

const client = new ChimeSDKVoiceClient({ region });
const found = await client.send(
  new SearchAvailablePhoneNumbersCommand({
    Country: 'US',
    MaxResults: 1,
    ...(tollFree ? { TollFreePrefix: tollFree, PhoneNumberType: 'TollFree' } : {}),
    ...(areaCode ? { AreaCode: areaCode, PhoneNumberType: 'Local' } : {}),
  }),
);
const number = found.E164PhoneNumbers?.[0];
if (!number) {
  console.error('No number is available there now: try another area code.');
  process.exit(1);
}
console.log(`Ordering ${number}…`);
const ordered = await client.send(
  new CreatePhoneNumberOrderCommand({
    ProductType: 'SipMediaApplicationDialIn',
    E164PhoneNumbers: [number],
  }),
);
const orderId = ordered.PhoneNumberOrder?.PhoneNumberOrderId ?? '';
const deadline = Date.now() + Number(values.wait) * 60_000;
for (;;) {
  const { PhoneNumberOrder: order } = await client.send(
    new GetPhoneNumberOrderCommand({ PhoneNumberOrderId: orderId }),
  );
  const status = order?.Status ?? 'Unknown';
  if (status === 'Successful') break;
  if (status === 'Failed' || status === 'Partial' || status === 'Exception') {
    console.error(
      `The order ${orderId} ended ${status}: ${JSON.stringify(order?.OrderedPhoneNumbers)}`,
    );
    process.exit(1);
  }
  if (Date.now() > deadline) {
    console.error(
      `The order ${orderId} is still ${status}. It may finish later: check it in the Chime SDK console, then deploy with the number.`,
    );
    process.exit(1);
  }
  console.log(`  ${status}…`);
  await new Promise((resolve) => setTimeout(resolve, 15_000));
}
console.log(`\n${number} is the clinic's. Deploy the phone line with it:\n`);
console.log(
  `  npx cdk deploy --all -c televisit:telephony=true -c televisit:dialInNumber=${number}\n`,
);
console.log('A stack deletion never releases the number: delete it in the Chime SDK console.');
