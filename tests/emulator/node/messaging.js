// The official Node realtime client (@signalwire/realtime-api v4), unchanged, against the emulator:
// listens for messages on "office", sends one and follows its states to "delivered", and reports
// the inbound message the test sends.
// Usage: node messaging.js ws://127.0.0.1:PORT
const { SignalWire } = require('@signalwire/realtime-api')

const host = process.argv[2]
const fail = (error) => {
  console.log(`FAILED ${error && error.stack ? error.stack : error}`)
  process.exit(1)
}
setTimeout(() => fail('timed out'), 20000).unref()

async function main() {
  const client = await SignalWire({ project: 'node-project', token: 'node-token', host })
  let delivered = false
  let received = false
  const finish = async () => {
    if (delivered && received) {
      await client.disconnect()
      process.exit(0)
    }
  }
  await client.messaging.listen({
    topics: ['office'],
    onMessageReceived: async (message) => {
      console.log(`RECEIVED ${message.from} ${message.to} ${message.body}`)
      received = true
      await finish()
    },
    onMessageUpdated: async (message) => {
      console.log(`STATE ${message.state}`)
      if (message.state === 'delivered') {
        delivered = true
        await finish()
      }
    },
  })
  const sent = await client.messaging.send({ context: 'office', from: '+15551110000', to: '+15552220000', body: 'hi' })
  console.log(`SENT ${sent.code} ${sent.messageId ? 'with id' : 'without id'}`)
  console.log('READY')
}

main().catch(fail)
