using System.Security.Cryptography;

namespace Samverkan.Cases.Domain;

/// <summary>
/// A case's id is derived from the registering request's id (a name-based UUID, RFC 9562 version 8), so a repeated
/// RegisterProduct reaches the same grain and returns the first result, with no separate idempotency table to race on.
/// </summary>
public static class CaseIds
{
    private static readonly byte[] Namespace = "samverkan.cases.register-product/"u8.ToArray();

    public static Guid FromRequestId(Guid requestId)
    {
        Span<byte> input = stackalloc byte[Namespace.Length + 16];
        Namespace.CopyTo(input);
        requestId.TryWriteBytes(input[Namespace.Length..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
