using ClinicBooking.Bench;

// The load tools behind scripts/bench.sh, one process each: a plain Kestrel endpoint to measure the app against, an
// SMTP sink that logs when each message arrived, the booking races, the booking stream, and one booking (which wakes
// the app's outbox).
var options = CommandLine.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "hello" => await HelloServer.RunAsync(options),
    "smtp-sink" => await SmtpSink.RunAsync(options),
    "booking-load" => await BookingLoad.RunAsync(options),
    "booking-stream" => await BookingStream.RunAsync(options),
    "book-one" => await BookingLoad.BookOneAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          hello --url http://127.0.0.1:PORT
          smtp-sink --port PORT --log FILE
          booking-load --url URL --patients a@x,b@x,... --password P [--service 2] [--contenders 4] [--seconds 10]
                       [--practitioners 1,2]
          booking-stream --url URL --accounts a@x,b@x,... --password P --practitioners 3,4,... [--patients 16]
                         [--service 2] [--seconds 10]
          book-one --url URL --patient a@x --password P [--service 2]
        """);
    return 2;
}
