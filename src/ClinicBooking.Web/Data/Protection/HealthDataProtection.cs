using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClinicBooking.Web.Data.Protection;

/// <summary>
/// Health data is encrypted in the column with ASP.NET Core Data Protection (authenticated AES, keys rotated every
/// 90 days and kept in <c>DataProtection:KeysPath</c>, outside the database). A copy of the database file alone,
/// a backup, a WAL file or a stray page on disk, shows ciphertext. Mark a property with
/// <see cref="IsProtected{T}"/> in its configuration; it must be a string column or convert to one.
/// A protected column cannot be searched or compared in SQL: each write encrypts with a fresh IV.
/// </summary>
public static class HealthDataProtection
{
    /// <summary>The Data Protection purpose; a new version would let old values be read while new ones move on.</summary>
    public const string Purpose = "ClinicBooking.HealthData.v1";

    public const string ApplicationName = "ClinicBooking";

    private const string Annotation = "ClinicBooking:Protected";

    /// <summary>Stores this property encrypted (after any conversion it already has).</summary>
    public static PropertyBuilder<T> IsProtected<T>(this PropertyBuilder<T> property)
    {
        property.HasAnnotation(Annotation, true);
        return property;
    }

    /// <inheritdoc cref="IsProtected{T}"/>
    public static PropertyBuilder IsProtected(this PropertyBuilder property)
    {
        property.HasAnnotation(Annotation, true);
        return property;
    }

    /// <summary>
    /// How every stored Data Protection payload begins (its magic header, Base64Url-encoded): values written in clear
    /// before a column was encrypted do not, so start-up clean-ups can find them in SQL.
    /// </summary>
    public const string ProtectedPrefix = "CfDJ8";

    /// <summary>
    /// Gives every property marked <see cref="IsProtected{T}"/> the encrypting converter, composed after its own.
    /// The marker is removed again so that it never reaches migrations or the model snapshot.
    /// </summary>
    internal static void ApplyHealthDataProtection(this ModelBuilder builder, IDataProtector protector)
    {
        var encrypt = new ProtectedStringConverter(protector);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.FindAnnotation(Annotation) is not null).ToList())
        {
            property.RemoveAnnotation(Annotation);
            var existing = property.GetValueConverter();
            if ((existing?.ProviderClrType ?? property.ClrType) != typeof(string))
            {
                throw new InvalidOperationException(
                    $"{property.DeclaringType.DisplayName()}.{property.Name} is marked protected but is not stored as text.");
            }

            property.SetValueConverter(existing is null ? encrypt : existing.ComposeWith(encrypt));
        }
    }

    /// <summary>
    /// Data Protection with a fixed application name and the key ring in <c>DataProtection:KeysPath</c> (default
    /// <c>App_Data/keys</c> under the content root). Read when the container first needs it, so hosts and tests
    /// may still set the path.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the key ring is a table in the clinic database instead (<see cref="PostgreSql.PostgreSqlClinicDbContext"/>),
    /// so every instance reads what any other protected; the certificate then matters all the more, since a dump of
    /// the database holds the keys.
    /// </remarks>
    public static IServiceCollection AddClinicDataProtection(this IServiceCollection services, IConfiguration configuration, string contentRoot,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        // With a certificate the keys are encrypted at rest: a copy of the key folder alone opens nothing. Read when
        // the services are registered (the host's configuration: files, environment, command line).
        if (KeyCertificate(configuration, contentRoot) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate);
        }

        if (provider == DatabaseProvider.PostgreSql)
        {
            protection.PersistKeysToDbContext<PostgreSql.PostgreSqlClinicDbContext>();
            return services;
        }

        services.AddOptions<KeyManagementOptions>()
            .Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((options, configuration, environment, logs) =>
                options.XmlRepository = new FileSystemXmlRepository(
                    new DirectoryInfo(CreateKeysDirectory(configuration, environment.ContentRootPath)), logs));
        return services;
    }

    /// <summary>
    /// <c>DataProtection:CertificatePath</c> (a .pfx with its private key) and <c>DataProtection:CertificatePassword</c>:
    /// the certificate that encrypts the key ring. Read once per host; a missing or unreadable file stops the start
    /// with its path in the message.
    /// </summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2? KeyCertificate(IConfiguration configuration, string contentRoot)
    {
        if (configuration["DataProtection:CertificatePath"] is not { Length: > 0 } path)
        {
            return null;
        }

        var full = Path.GetFullPath(path, contentRoot);
        try
        {
            return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(full,
                configuration["DataProtection:CertificatePassword"], System.Security.Cryptography.X509Certificates.X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath {full} could not be read as a .pfx with DataProtection:CertificatePassword: {e.Message}", e);
        }
    }

    public static string KeysPath(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["DataProtection:KeysPath"] is { Length: > 0 } path ? path : "App_Data/keys", contentRoot);

    private static string CreateKeysDirectory(IConfiguration configuration, string contentRoot)
    {
        var path = KeysPath(configuration, contentRoot);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // The keys unlock every intake: readable by the app's user only.
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}

/// <summary>Encrypts a string on the way into the database and decrypts it on the way out.</summary>
public sealed class ProtectedStringConverter(IDataProtector protector)
    : ValueConverter<string, string>(value => protector.Protect(value), stored => protector.Unprotect(stored));

/// <summary>
/// EF caches one model per context type, but the model holds this host's protector inside its converters: two
/// hosts in one process (tests; a restart with other keys) must not share it. The key adds the provider.
/// </summary>
internal sealed class ProtectedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => context is ClinicDbContext clinic
        ? (context.GetType(), clinic.DataProtection, designTime)
        : (context.GetType(), designTime);
}
