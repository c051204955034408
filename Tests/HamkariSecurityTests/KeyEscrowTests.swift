import Crypto
import Foundation
import HamkariSecurity
import Testing

@Suite("Key escrow (HPKE to an X25519 key held abroad)")
struct KeyEscrowTests {
    @Test("A copy opens with its holder's identity into the same key ring, and with no other")
    func roundTrip() throws {
        let ring = KeyRing.generate().rotated()
        let holder = KeyEscrow.newIdentity()
        let copy = try KeyEscrow.Copy.make(of: ring, to: holder.publicKey)
        #expect(copy.recipient == KeyEscrow.fingerprint(holder.publicKey))
        let decoded = try KeyEscrow.Copy.decode(try copy.encoded())
        let opened = try decoded.open(with: holder)
        #expect(opened.current == ring.current)
        for version in ring.versions.keys {
            #expect(try opened.subkey(.sealedFields, version: version) == ring.subkey(.sealedFields, version: version))
        }
        #expect(throws: KeyEscrow.Failure.cannotOpen) { try decoded.open(with: KeyEscrow.newIdentity()) }
        var altered = decoded
        altered.ciphertext[altered.ciphertext.startIndex + 3] ^= 0x01
        #expect(throws: KeyEscrow.Failure.cannotOpen) { try altered.open(with: holder) }
        var renamed = decoded
        renamed.recipient = "0000000000000000"
        #expect(throws: KeyEscrow.Failure.cannotOpen) { try renamed.open(with: holder) }
        #expect(throws: KeyEscrow.Failure.notAnEscrowCopy) { try KeyEscrow.Copy.decode(Data("{}".utf8)) }
    }

    @Test("Identity and public key files read back; one is not taken for the other")
    func files() throws {
        let holder = KeyEscrow.newIdentity()
        let identityText = KeyEscrow.identityText(holder)
        let recipientText = KeyEscrow.recipientText(holder.publicKey)
        #expect(try KeyEscrow.identity(from: identityText).rawRepresentation == holder.rawRepresentation)
        #expect(try KeyEscrow.recipient(from: recipientText).rawRepresentation == holder.publicKey.rawRepresentation)
        #expect(throws: KeyFile.Failure.notAKeyFile) { try KeyEscrow.identity(from: recipientText) }
        #expect(throws: KeyFile.Failure.notAKeyFile) { try KeyEscrow.recipient(from: identityText) }
    }
}
